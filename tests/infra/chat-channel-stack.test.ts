import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/wiring/env-names.ts';
import { parseStageConfig, type StageConfigInput } from '../../lib/config/stage-config.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { buildGatewayApp, cdkJsonContext, type GatewayApp } from '../../lib/gateway-app.ts';
import type { ChatChannelStack } from '../../lib/stacks/chat-channel-stack.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

const EUM_ARN = 'arn:aws:sms-voice:ap-northeast-2:111122223333:phone-number/phone-0123456789abcdef';

/** Two stages with the chat channel on: one replying through Twilio, one through End User Messaging. */
const TWILIO: StageConfigInput = { ...stageByName('dev'), name: 'chat-twilio', twilioFromNumber: '+821012345678', chatChannel: { accountRequestsPerIp: 300 } };
const EUM: StageConfigInput = { ...stageByName('prod'), name: 'chat-eum', smsSender: 'aws-eum', eumOriginationIdentityArn: EUM_ARN, chatChannel: {} };

type Resource = { Type: string; Properties: Record<string, unknown> };
let gateway: GatewayApp;

function chatStack(name: string): ChatChannelStack {
  const stack = gateway.stages.find((s) => s.config.name === name)?.chatChannel;
  if (!stack) throw new Error(`stage ${name} has no chat channel stack`);
  return stack;
}
const resources = (stack: ChatChannelStack, type: string) => Object.entries(Template.fromStack(stack).findResources(type) as Record<string, Resource>);
const accountsFunctionEnv = (stack: ChatChannelStack): Record<string, unknown> => {
  const found = resources(stack, 'AWS::Lambda::Function').find(([id]) => id.includes('Accounts'));
  return ((found?.[1].Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
};

beforeAll(() => {
  gateway = buildGatewayApp({ stages: [parseStageConfig(TWILIO), parseStageConfig(EUM)], context: cdkJsonContext(), outdir: cdkOutdir('gateway-chat-') });
  for (const stage of gateway.stages) stage.synth();
});

describe('chat channel stack in a stage', () => {
  it('is opt-in: a Twilio stage cannot switch it on without a number to send verification codes from', () => {
    const { twilioFromNumber: _omitted, ...withoutNumber } = TWILIO;
    expect(() => parseStageConfig(withoutNumber)).toThrow(/twilioFromNumber/);
    expect(parseStageConfig(stageByName('prod')).chatChannel).toBeUndefined();
  });

  it('sends verification codes through the stage SMS sender', () => {
    const twilio = accountsFunctionEnv(chatStack('chat-twilio'));
    expect(twilio).toMatchObject({ [ENV.smsSender]: 'twilio', [ENV.twilioFromNumber]: '+821012345678' });
    // The stateful stack's Twilio secret, referenced across stacks, never a value.
    expect(JSON.stringify(twilio[ENV.twilioSecretArn])).toMatch(/Stateful/);
    const eum = accountsFunctionEnv(chatStack('chat-eum'));
    expect(eum).toMatchObject({ [ENV.smsSender]: 'aws-eum', [ENV.smsOriginationIdentity]: EUM_ARN });
    expect(eum[ENV.twilioSecretArn]).toBeUndefined();
  });

  it('feeds the stage intake queue and complaint table', () => {
    const messageEnv = resources(chatStack('chat-eum'), 'AWS::Lambda::Function')
      .map(([, fn]) => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {})
      .find((env) => ENV.intakeQueueUrl in env);
    expect(JSON.stringify(messageEnv?.[ENV.intakeQueueUrl])).toMatch(/Intake/);
    expect(JSON.stringify(messageEnv?.[ENV.tableName])).toMatch(/Stateful/);
  });

  it('applies the stage WAF rate per IP to the accounts API', () => {
    const acl = resources(chatStack('chat-twilio'), 'AWS::WAFv2::WebACL').map(([, a]) => JSON.stringify(a.Properties.Rules));
    expect(acl.some((rules) => rules.includes('"Limit":300'))).toBe(true);
  });

  it('alarms the operations topic when chat messages or account requests fail, or a push request is dead-lettered', () => {
    const alarms = resources(chatStack('chat-eum'), 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.map((a) => a.MetricName).sort()).toEqual(['5XXError', 'ApproximateNumberOfMessagesVisible', 'Errors']);
    for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toMatch(/OperationsAlarms/);
  });

  it('sends Web Push from the chat stack only: the reply functions publish on the bus and never read the VAPID secret', () => {
    const chat = chatStack('chat-eum');
    const vapidName = chat.getLogicalId(chat.chat.vapidSecret.node.defaultChild as never);
    const rule = resources(chat, 'AWS::Events::Rule').find(([, r]) => JSON.stringify(r.Properties.EventPattern).includes('reply.push_requested'));
    // The intake stack's bus, the one the complaints API already publishes on.
    expect(JSON.stringify(rule?.[1].Properties.EventBusName)).toMatch(/Intake/);
    const complaints = gateway.stages.find((s) => s.config.name === 'chat-eum')!.complaintsApi;
    const complaintsPolicies = JSON.stringify(Template.fromStack(complaints).findResources('AWS::IAM::Policy'));
    const complaintsFunctions = JSON.stringify(Template.fromStack(complaints).findResources('AWS::Lambda::Function'));
    expect(complaintsPolicies).toContain('events:PutEvents');
    expect(complaintsPolicies).not.toContain(vapidName);
    expect(complaintsFunctions).not.toContain('VAPID_SECRET_ARN');
  });

  it('passes cdk-nag with every acknowledgement written down', () => {
    expect(nagFindings(gateway.app, ['chat-twilio/ChatChannel/', 'chat-eum/ChatChannel/'])).toEqual([]);
  });
});
