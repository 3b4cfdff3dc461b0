import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/wiring/env-names.ts';
import { GATEWAY_FUNCTIONS } from '../../lib/function-catalog.ts';
import { replyConfigurationSetName } from '../../lib/constructs/sms-configuration-set.ts';
import { resourcesOf, stage, type CfnResource } from './synthesized-gateway.ts';
import { STAFF_APIS } from '../../functions/core/staff/staff-routes.ts';

type Statement = { Action: string | string[]; Resource: unknown };

function functionOf(stack: Stack, description: string): [string, CfnResource] {
  const found = resourcesOf(stack, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
  if (!found) throw new Error(`no function "${description}" in ${stack.stackName}`);
  return found;
}
const envOf = (stack: Stack, description: string) => (functionOf(stack, description)[1].Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
const statementsOf = (stack: Stack): Statement[] =>
  resourcesOf(stack, 'AWS::IAM::Policy').flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);

describe('SMS delivery reports in AWS', () => {
  it('routes Twilio status callbacks (reply in the path) to their own function, and tells the reply senders the callback URL', () => {
    const prod = stage('prod');
    const methods = resourcesOf(prod.smsChannel, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties?.HttpMethod === 'POST');
    const [statusFunctionId] = functionOf(prod.smsChannel, GATEWAY_FUNCTIONS.smsTwilioStatus.description);
    expect(methods.some(([, m]) => JSON.stringify(m.Properties?.Integration).includes(statusFunctionId))).toBe(true);
    const paths = resourcesOf(prod.smsChannel, 'AWS::ApiGateway::Resource').map(([, r]) => r.Properties?.PathPart);
    expect(paths).toEqual(expect.arrayContaining(['status', '{complaintId}', '{replyId}']));
    for (const description of [GATEWAY_FUNCTIONS.complaintsApi.description, GATEWAY_FUNCTIONS.replyRetry.description]) {
      const url = JSON.stringify(envOf(prod.complaintsApi, description)[ENV.twilioStatusCallbackUrl]);
      expect(url).toContain('/sms/twilio/status');
    }
    expect(prod.complaintsApi.dependencies).toContain(prod.smsChannel);
  });

  it('sends End User Messaging replies with a configuration set whose event destination feeds the events function', () => {
    const eum = stage('prod-eum');
    const [configurationSet] = resourcesOf(eum.smsChannel, 'AWS::SMSVOICE::ConfigurationSet');
    expect(configurationSet?.[1].Properties?.ConfigurationSetName).toBe(replyConfigurationSetName(eum.config));
    const destinations = configurationSet?.[1].Properties?.EventDestinations as Array<{ Enabled: boolean; MatchingEventTypes: string[]; SnsDestination: { TopicArn: unknown } }>;
    expect(destinations).toHaveLength(1);
    expect(destinations[0]).toMatchObject({ Enabled: true, MatchingEventTypes: ['TEXT_ALL'] });
    const topicRef = JSON.stringify(destinations[0]?.SnsDestination.TopicArn);
    const [eventsFunctionId] = functionOf(eum.smsChannel, GATEWAY_FUNCTIONS.smsEumEvents.description);
    const subscriptions = resourcesOf(eum.smsChannel, 'AWS::SNS::Subscription').filter(([, s]) => JSON.stringify(s.Properties?.Endpoint).includes(eventsFunctionId));
    expect(subscriptions).toHaveLength(1);
    expect(JSON.stringify(subscriptions[0]?.[1].Properties?.TopicArn)).toBe(topicRef);

    const env = envOf(eum.complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description);
    expect(env[ENV.smsConfigurationSet]).toBe(replyConfigurationSetName(eum.config));
    const send = statementsOf(eum.complaintsApi).filter((s) => [s.Action].flat().includes('sms-voice:SendTextMessage'));
    expect(send.length).toBeGreaterThan(0);
    for (const statement of send) expect(JSON.stringify(statement.Resource)).toContain(`configuration-set/${replyConfigurationSetName(eum.config)}`);
    // Twilio stages have neither.
    expect(resourcesOf(stage('prod').smsChannel, 'AWS::SMSVOICE::ConfigurationSet')).toEqual([]);
  });

  it('serves "delivered another way" as a staff route for counselors (complaints:reply), never to SigV4 auditors', () => {
    const api = stage('prod').complaintsApi;
    const paths = resourcesOf(api, 'AWS::ApiGateway::Resource').map(([, r]) => r.Properties?.PathPart);
    expect(paths).toEqual(expect.arrayContaining(['{replyId}', 'delivered-otherwise']));
    const route = STAFF_APIS.complaints.find((candidate) => candidate.path.endsWith('/delivered-otherwise'));
    expect(route).toMatchObject({ method: 'POST', permission: 'complaints:reply' });
    expect(route && 'iam' in route).toBe(false);
    const policies = resourcesOf(api, 'AWS::IAM::ManagedPolicy').map(([, p]) => JSON.stringify(p.Properties));
    expect(policies.filter((p) => p.includes('delivered-otherwise'))).toEqual([]);
  });
});
