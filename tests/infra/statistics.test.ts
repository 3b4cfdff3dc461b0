import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAFF_APIS } from '../../functions/core/staff/staff-routes.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { STATISTICS_FUNCTIONS, VOICE_FUNCTIONS } from '../../lib/function-catalog.ts';
import { stage, synthesizedGateway, templateOf } from './synthesized-gateway.ts';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const resourcesOf = (template: Template, type: string) => Object.entries(template.findResources(type)) as Array<[string, Resource]>;
const functionOf = (template: Template, description: string): [string, Resource] => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
  if (!found) throw new Error(`no function ${description}`);
  return found;
};
function statementsOf(template: Template, description: string): Statement[] {
  const [, fn] = functionOf(template, description);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(roleId))
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe('statistics and the satisfaction survey in AWS', () => {
  let api: Template;
  let voice: Template;
  beforeAll(() => {
    synthesizedGateway();
    api = templateOf(stage('dev').complaintsApi);
    voice = templateOf(stage('dev').voice);
  });

  it('serves GET /api/statistics and /api/statistics.csv behind the staff authorizer, mirrored under /iam for auditors', () => {
    const paths = resourcesOf(api, 'AWS::ApiGateway::Resource').map(([, r]) => r.Properties?.PathPart);
    expect(paths).toEqual(expect.arrayContaining(['statistics', 'statistics.csv']));
    const methods = resourcesOf(api, 'AWS::ApiGateway::Method').filter(([, m]) => JSON.stringify(m.Properties?.Integration).includes(functionOf(api, STATISTICS_FUNCTIONS.api.description)[0]));
    expect(methods).toHaveLength(STAFF_APIS.statistics.length * 2);
    expect(methods.map(([, m]) => m.Properties?.AuthorizationType).sort()).toEqual(['AWS_IAM', 'AWS_IAM', 'CUSTOM', 'CUSTOM']);
    expect(new Set(methods.map(([, m]) => m.Properties?.HttpMethod))).toEqual(new Set(['GET']));
  });

  it('lets the API read the complaints table only, append its access records to the audit table, and tells it Connect queue metrics are read', () => {
    const [, fn] = functionOf(api, STATISTICS_FUNCTIONS.api.description);
    expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({ [ENV.statisticsVoiceMetrics]: 'on', [ENV.tableName]: expect.anything() });
    const statements = statementsOf(api, STATISTICS_FUNCTIONS.api.description);
    const onAudit = (s: Statement) => /Audit/.test(JSON.stringify(s.Resource));
    const dynamo = actions(statements.filter((s) => !onAudit(s))).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.length).toBeGreaterThan(0);
    expect(dynamo.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    // The audit trail's append grant (chain head lookups and the conditional put; never an update or delete).
    expect(actions(statements.filter(onAudit)).filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
  });

  it('feeds the rollup Lambda every gateway event and the survey Lambda every close, each with retries then an alarmed dead-letter queue', () => {
    const rules = resourcesOf(api, 'AWS::Events::Rule').map(([, r]) => r.Properties ?? {});
    const rollup = rules.find((r) => JSON.stringify(r.Targets).includes(functionOf(api, STATISTICS_FUNCTIONS.rollup.description)[0]));
    const survey = rules.find((r) => JSON.stringify(r.Targets).includes(functionOf(api, STATISTICS_FUNCTIONS.satisfactionSurvey.description)[0]));
    expect(rollup?.EventPattern).toEqual({ source: ['citizen-contact-gateway'] });
    expect(survey?.EventPattern).toEqual({ source: ['citizen-contact-gateway'], 'detail-type': ['complaint.status_changed'], detail: { to: ['closed'] } });
    for (const rule of [rollup, survey]) {
      expect(JSON.stringify(rule?.EventBusName)).toMatch(/DomainEvents/);
      const [target] = rule?.Targets as Array<{ DeadLetterConfig?: { Arn: unknown } }>;
      expect(JSON.stringify(target?.DeadLetterConfig?.Arn)).toMatch(/StatisticsDeadLetters/);
    }
    expect(resourcesOf(api, 'AWS::Lambda::EventInvokeConfig').filter(([, c]) => JSON.stringify(c.Properties?.DestinationConfig).includes('StatisticsDeadLetters'))).toHaveLength(2);
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('StatisticsDeadLetters'), 'QueueName'] } }] });
  });

  it('lets the survey send SMS and read the PII keys, which the rollup Lambda cannot', () => {
    const [, survey] = functionOf(api, STATISTICS_FUNCTIONS.satisfactionSurvey.description);
    expect(Object.keys((survey.Properties?.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(expect.arrayContaining([ENV.piiSecretArn, ENV.smsSender, ENV.eventBusName]));
    expect(actions(statementsOf(api, STATISTICS_FUNCTIONS.rollup.description)).some((a) => a.startsWith('secretsmanager:'))).toBe(false);
  });

  it('reconciles yesterday daily at 01:30 and reads Connect queue metrics at 01:00, Seoul time', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Seoul' });
    voice.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Seoul' });
  });

  it('grants connect:GetMetricDataV2 on the contact center’s queues only, and gives the reader the instance and queues', () => {
    const connect = statementsOf(voice, VOICE_FUNCTIONS.queueMetrics.description).filter((s) => actions([s]).some((a) => a.startsWith('connect:')));
    expect(actions(connect)).toEqual(['connect:GetMetricDataV2']);
    const resources = JSON.stringify(connect[0]?.Resource);
    expect(resources).not.toMatch(/"\*"/);
    expect(resources).toMatch(/ContactCenterQueue/);
    const [, fn] = functionOf(voice, VOICE_FUNCTIONS.queueMetrics.description);
    expect(Object.keys((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(expect.arrayContaining([ENV.connectInstanceArn, ENV.connectQueueArns, ENV.tableName]));
  });

  it('sets the post-call survey flow as the main IVR’s disconnect flow', () => {
    const flows = resourcesOf(voice, 'AWS::Connect::ContactFlow').map(([id, f]) => [id, f.Properties ?? {}] as const);
    const survey = flows.find(([, f]) => f.Name === 'gateway-post-call-survey');
    const main = flows.find(([, f]) => f.Name === 'gateway-main-ivr');
    expect(survey?.[1].Type).toBe('CONTACT_FLOW');
    const content = JSON.stringify(main?.[1].Content);
    expect(content).toContain('UpdateContactEventHooks');
    expect(content).toContain(survey?.[0]);
  });
});
