import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_KEYS } from '../../functions/core/voice/language-routing.ts';
import { VOICE_FUNCTIONS } from '../../lib/stacks/voice-stack.ts';
import { promptArn, stage, synthesizedGateway, templateOf } from './synthesized-gateway.ts';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

const resourcesOf = (template: Template, type: string) => Object.entries(template.findResources(type)) as Array<[string, Resource]>;
const functionIdByDescription = (template: Template, description: string): string => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
  if (!found) throw new Error(`no function ${description}`);
  return found[0];
};
/** Statements of the policies attached to the role of the function with this description. */
function statementsOf(template: Template, description: string): Statement[] {
  const fnId = functionIdByDescription(template, description);
  const roleRef = JSON.stringify((template.findResources('AWS::Lambda::Function')[fnId] as Resource).Properties?.Role);
  const roleId = JSON.parse(roleRef)['Fn::GetAtt'][0] as string;
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(roleId))
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe('voice stack', () => {
  let template: Template;
  beforeAll(() => {
    synthesizedGateway();
    template = templateOf(stage('dev').voice);
  });

  it('lets Amazon Connect invoke exactly the two flow Lambdas, from this instance only', () => {
    const permissions = resourcesOf(template, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties?.Principal === 'connect.amazonaws.com');
    const invoked = permissions.map(([, p]) => JSON.stringify(p.Properties?.FunctionName)).sort();
    const expected = [VOICE_FUNCTIONS.contactStart.description, VOICE_FUNCTIONS.happyCallOutcome.description]
      .map((d) => functionIdByDescription(template, d))
      .sort();
    expect(invoked).toHaveLength(2);
    expected.forEach((id, i) => expect(invoked[i]).toContain(id));
    for (const [, p] of permissions) expect(JSON.stringify(p.Properties?.SourceArn)).toContain('ContactCenterInstance');
    // The flow Lambdas; the workspace app's APPLICATION association is tests/infra/workspace-app.test.ts's.
    expect(resourcesOf(template, 'AWS::Connect::IntegrationAssociation').filter(([, resource]) => resource.Properties?.IntegrationType === 'LAMBDA_FUNCTION')).toHaveLength(2);
  });

  it('creates a new instance when the stage imports none, with a queue and routing profile per language and for sign language', () => {
    template.resourceCountIs('AWS::Connect::Instance', 1);
    const queues = resourcesOf(template, 'AWS::Connect::Queue').map(([, q]) => q.Properties?.Name);
    expect(queues.sort()).toEqual(['120-Chinese', '120-English', '120-Japanese', '120-Korean', '120-Mongolian', '120-SignLanguage', '120-Vietnamese']);
    expect(resourcesOf(template, 'AWS::Connect::RoutingProfile')).toHaveLength(QUEUE_KEYS.length);
  });

  it('scopes every Connect action to this instance, its flows, queues and contacts', () => {
    const router = statementsOf(template, VOICE_FUNCTIONS.agentWorkspaceRouter.description).filter((s) => actionsOf([s]).some((a) => a.startsWith('connect:')));
    const scheduler = statementsOf(template, VOICE_FUNCTIONS.happyCallScheduler.description).filter((s) => actionsOf([s]).some((a) => a.startsWith('connect:')));
    expect(actionsOf(router).sort()).toEqual(['connect:StartChatContact', 'connect:StartContactStreaming', 'connect:StartTaskContact']);
    expect(actionsOf(scheduler)).toEqual(['connect:StartOutboundVoiceContact']);
    for (const statement of [...router, ...scheduler]) {
      const resources = JSON.stringify(statement.Resource);
      expect(resources).not.toMatch(/"\*"/);
      expect(resources).not.toMatch(/connect:\*/);
      expect(resources).toContain('ContactCenterInstance');
    }
    expect(JSON.stringify(router)).toContain('FlowchatTask');
    // StartOutboundVoiceContact authorizes on the contact only (connect-permissions.test.ts checks every action).
    expect(JSON.stringify(scheduler)).not.toMatch(/FlowhappyCall|Queue/);
    // Flow Lambdas and the contact-event consumer start no contacts.
    for (const fn of [VOICE_FUNCTIONS.contactStart, VOICE_FUNCTIONS.contactEvents, VOICE_FUNCTIONS.happyCallOutcome, VOICE_FUNCTIONS.replyStream]) {
      expect(actionsOf(statementsOf(template, fn.description)).filter((a) => a.startsWith('connect:')), fn.name).toEqual([]);
    }
  });

  it('routes Connect contact events, new sms/chat/x messages on the gateway bus, and the happy-call schedule to their Lambdas, with a DLQ on the rule targets', () => {
    const rules = resourcesOf(template, 'AWS::Events::Rule').map(([, r]) => r.Properties ?? {});
    const contactEvents = rules.find((r) => JSON.stringify(r.EventPattern).includes('aws.connect'));
    expect(contactEvents?.EventPattern).toMatchObject({ 'detail-type': ['Amazon Connect Contact Event'] });
    const workspace = rules.find((r) => JSON.stringify(r.EventPattern).includes('message.stored'));
    expect(workspace?.EventPattern).toMatchObject({ source: ['citizen-contact-gateway'], detail: { channel: ['sms', 'chat', 'x'] } });
    expect(JSON.stringify(workspace?.EventBusName)).toMatch(/DomainEvents/);
    for (const rule of [contactEvents, workspace]) {
      const [target] = rule?.Targets as Array<{ DeadLetterConfig?: { Arn: unknown } }>;
      expect(JSON.stringify(target?.DeadLetterConfig?.Arn)).toContain('VoiceDeadLetters');
    }
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)' });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('VoiceDeadLetters'), 'Arn'] } } },
    });
  });

  it('streams workspace chats to an encrypted SNS topic whose subscription only delivers agent messages meant for the customer to the reply Lambda', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      FilterPolicy: { Type: ['MESSAGE'], ParticipantRole: ['AGENT'], MessageVisibility: ['CUSTOMER', 'ALL'] },
    });
    // Only this account's Connect instance may publish (confused-deputy guard of the streaming guide).
    const [, policy] = resourcesOf(template, 'AWS::SNS::TopicPolicy')[0] ?? [];
    const statements = (policy?.Properties?.PolicyDocument as { Statement: Array<{ Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> }> }).Statement;
    const connectPublish = statements.find((s) => s.Principal?.Service === 'connect.amazonaws.com');
    expect(connectPublish?.Condition?.StringEquals).toHaveProperty('aws:SourceAccount');
    expect(JSON.stringify(connectPublish?.Condition?.ArnEquals?.['aws:SourceArn'])).toContain('ContactCenterInstance');
    const [, topic] = resourcesOf(template, 'AWS::SNS::Topic')[0] ?? [];
    expect(topic?.Properties?.KmsMasterKeyId).toBeDefined();
    const routerEnv = JSON.stringify(
      (template.findResources('AWS::Lambda::Function')[functionIdByDescription(template, VOICE_FUNCTIONS.agentWorkspaceRouter.description)] as Resource).Properties?.Environment,
    );
    expect(routerEnv).toContain('CONNECT_CHAT_STREAM_TOPIC_ARN');
    expect(routerEnv).toContain('CONNECT_CHAT_FLOW_ARN');
  });

  it('speaks Vietnamese and Mongolian from the recorded prompts the stage configures, and the foreign menu from its recorded prompt', () => {
    const mainIvr = (name: string) => {
      const flows = resourcesOf(templateOf(stage(name).voice), 'AWS::Connect::ContactFlow').map(([, flow]) => flow.Properties ?? {});
      return JSON.stringify(flows.find((flow) => flow.Name === 'gateway-main-ivr')?.Content);
    };
    const recorded = mainIvr('prod-eum');
    for (const arn of [promptArn('vi-pleaseWait'), promptArn('mn-queueFull'), promptArn('mn-afterHours'), promptArn('foreign-menu')]) expect(recorded).toContain(arn);
    // A stage without recordings stays counselor-first for those languages.
    expect(mainIvr('dev')).not.toContain('/prompt/');
  });

  it('deploys the voice stack in every stage, importing the instance when the stage names one', () => {
    for (const name of ['dev', 'prod', 'prod-eum']) expect(stage(name).voice).toBeDefined();
    const prod = templateOf(stage('prod-eum').voice);
    const replyStatements = statementsOf(prod, VOICE_FUNCTIONS.replyStream.description);
    expect(actionsOf(replyStatements)).toContain('sms-voice:SendTextMessage');
  });
});
