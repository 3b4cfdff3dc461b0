import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_EVENT_TYPES } from '../../schemas/notice-events.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { STATUS_LOOKUPS_PER_IP } from '../../lib/stacks/citizen-status-stack.ts';
import { resourcesOf, stage, synthesizedGateway, templateOf, type CfnResource } from './synthesized-gateway.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function functionNamed(resources: Array<[string, CfnResource]>, service: string): CfnResource {
  const found = resources.find(([, fn]) => (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME === service);
  if (!found) throw new Error(`no function ${service}`);
  return found[1];
}

function statementsOfRole(stack: Parameters<typeof resourcesOf>[0], roleRef: unknown): Statement[] {
  return resourcesOf(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([roleRef]))
    .flatMap(([, policy]) => asArray((policy.Properties?.PolicyDocument as { Statement: Statement | Statement[] }).Statement));
}

beforeAll(() => {
  synthesizedGateway();
});

describe('status notices and the public status lookup in AWS', () => {
  it('puts the notice function on the gateway bus for exactly the events that owe notices, with a DLQ and retries', () => {
    const notices = templateOf(stage('prod-eum').notices);
    notices.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: ['citizen-contact-gateway'], 'detail-type': [...NOTICE_EVENT_TYPES] },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 } })],
    });
  });

  it('runs the sweeper on the quarter hour (08:00 KST is a run) and the progress job at 10:00 KST, as fixed inputs', () => {
    const rules = resourcesOf(stage('dev').notices, 'AWS::Events::Rule').map(([, rule]) => rule.Properties ?? {});
    const scheduled = rules.filter((rule) => rule.ScheduleExpression).map((rule) => [rule.ScheduleExpression, (rule.Targets as Array<{ Input: string }>)[0]?.Input]);
    expect(scheduled).toEqual(
      expect.arrayContaining([
        ['cron(0/15 * * * ? *)', JSON.stringify({ job: 'deliver' })],
        ['cron(0 1 * * ? *)', JSON.stringify({ job: 'progress' })],
      ]),
    );
    expect(scheduled).toHaveLength(2);
  });

  it('lets the notice functions push to chat citizens only on stages with the chat channel', () => {
    const withChat = resourcesOf(stage('prod-eum').notices, 'AWS::Lambda::Function');
    const without = resourcesOf(stage('prod').notices, 'AWS::Lambda::Function');
    const endpoint = (fn: CfnResource) => (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.CHAT_CONNECTIONS_ENDPOINT;
    expect(endpoint(functionNamed(withChat, 'notice-events'))).toBeDefined();
    expect(endpoint(functionNamed(withChat, 'notice-sweeper'))).toBeDefined();
    expect(endpoint(functionNamed(without, 'notice-events'))).toBeUndefined();
  });

  it('serves GET /public/status on its own public API (no authorizer, query validated), behind a WAF rate rule per IP', () => {
    const status = stage('prod').citizenStatus;
    const template = templateOf(status);
    const methods = resourcesOf(status, 'AWS::ApiGateway::Method').map(([, method]) => method.Properties ?? {});
    expect(methods.map((method) => method.HttpMethod)).toEqual(['GET']);
    expect(methods[0]).toMatchObject({
      AuthorizationType: 'NONE',
      RequestParameters: { 'method.request.querystring.receiptNo': true, 'method.request.querystring.phoneLast4': true, 'method.request.querystring.lang': false },
    });
    expect(methods[0]?.RequestValidatorId).toBeDefined();
    expect(resourcesOf(status, 'AWS::ApiGateway::Resource').map(([, resource]) => resource.Properties?.PathPart)).toEqual(['public', 'status']);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Name: 'rate-limit-per-ip', Statement: { RateBasedStatement: { Limit: STATUS_LOOKUPS_PER_IP, AggregateKeyType: 'IP' } } })]),
    });
    expect(resourcesOf(status, 'AWS::ApiGateway::Authorizer')).toEqual([]);
  });

  it('lets the public lookup write only its own counters in the complaint table, and append to the audit trail', () => {
    const status = stage('prod').citizenStatus;
    const [fnId, fn] = resourcesOf(status, 'AWS::Lambda::Function').find(([, candidate]) => (candidate.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === 'public-status') ?? [];
    expect(fnId).toBeDefined();
    const variables = (fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables[ENV.auditTableName]).toBeDefined();
    const statements = statementsOfRole(status, fn?.Properties?.Role && { Ref: (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0] });
    const writes = statements.filter((statement) => asArray(statement.Action).some((action) => /dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/.test(action)));
    const complaintTableWrites = writes.filter((statement) => !JSON.stringify(statement.Resource).includes('Audit'));
    expect(complaintTableWrites).toHaveLength(1);
    expect(complaintTableWrites[0]).toMatchObject({
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOOKUPRATE#*', 'LOOKUPFAIL#*'] } },
    });
    expect(JSON.stringify(statements)).not.toContain('dynamodb:DeleteItem');
  });

  it('tells the citizen page where the status API is, and lets it call it (CSP connect-src)', () => {
    const chat = templateOf(stage('prod-eum').chatChannel!);
    const headers = chat.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    expect(JSON.stringify(headers)).toMatch(/connect-src 'self'.*https:\/\//);
    expect(JSON.stringify(headers)).toContain('CitizenStatus');
  });
});
