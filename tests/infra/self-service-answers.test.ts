import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_INDEX_PREFIX } from '../../functions/core/knowledge/index-objects.ts';
import { SELF_SERVICE_STATS_ROUTES } from '../../functions/core/staff/staff-routes.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { GATEWAY_FUNCTIONS, SELF_SERVICE_FUNCTIONS } from '../../lib/function-catalog.ts';
import { buildGatewayApp, cdkJsonContext, type GatewayApp } from '../../lib/gateway-app.ts';
import type { GatewayStage } from '../../lib/gateway-stage.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

type Resource = { Properties?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let gateway: GatewayApp;
let stage: GatewayStage;
beforeAll(() => {
  gateway = buildGatewayApp({ stages: [parseStageConfig({ ...stageByName('prod'), name: 'answers', twilioFromNumber: '+821012345678', chatChannel: {} })], context: cdkJsonContext(), outdir: cdkOutdir('self-service-cdk-') });
  stage = gateway.stages[0]!;
  stage.synth();
});

const resources = (stack: Stack, type: string) => Object.entries(Template.fromStack(stack).findResources(type) as Record<string, Resource>);

function functionNamed(stack: Stack, name: string): [string, Resource] {
  const found = resources(stack, 'AWS::Lambda::Function').find(([, fn]) => (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

function statementsOf(stack: Stack, name: string): Statement[] {
  const [, fn] = functionNamed(stack, name);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return resources(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties?.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => asArray((policy.Properties?.PolicyDocument as { Statement: Statement | Statement[] }).Statement));
}

describe('self-service answers in AWS', () => {
  it('lets the public function read the index objects and the manifest, and write only its own counters, never other items', () => {
    const chat = stage.chatChannel!;
    const statements = statementsOf(chat, SELF_SERVICE_FUNCTIONS.answers.name);
    const dynamo = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.map((s) => [asArray(s.Action), s.Condition])).toEqual([
      [['dynamodb:GetItem'], { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['KBINDEX'] } }],
      [['dynamodb:UpdateItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SELFSERVICE#*'] } }],
    ]);
    // The table itself, no index.
    for (const statement of dynamo) expect(JSON.stringify(statement.Resource)).not.toContain('/index/');
    const s3 = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => asArray(s.Action))).toEqual([['s3:GetObject']]);
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(new RegExp(`/${KNOWLEDGE_INDEX_PREFIX}\\*"`));
  });

  it('serves the public routes without authorization on an API of their own, throttled and behind a WAF rate rule', () => {
    const chat = stage.chatChannel!;
    const [fnId] = functionNamed(chat, SELF_SERVICE_FUNCTIONS.answers.name);
    const methods = resources(chat, 'AWS::ApiGateway::Method').filter(([, m]) => JSON.stringify(m.Properties?.Integration ?? {}).includes(fnId));
    expect(methods.map(([, m]) => m.Properties?.HttpMethod).sort()).toEqual(['GET', 'GET', 'POST']);
    for (const [, m] of methods) expect(m.Properties?.AuthorizationType).toBe('NONE');
    const stages = resources(chat, 'AWS::ApiGateway::Stage').filter(([, s]) => JSON.stringify(s.Properties?.RestApiId).includes('Answers'));
    expect(stages).toHaveLength(1);
    const settings = stages[0]![1].Properties?.MethodSettings as Array<Record<string, unknown>>;
    expect(settings).toEqual(expect.arrayContaining([expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) })]));
    const acls = resources(chat, 'AWS::WAFv2::WebACL').filter(([id]) => id.includes('Answers'));
    expect(JSON.stringify(acls)).toContain('RateBasedStatement');
  });

  it('tells the page where the answers API is and lets it connect there (CSP)', () => {
    const chat = stage.chatChannel!;
    const policies = resources(chat, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(JSON.stringify(policies)).toMatch(/connect-src 'self' https:\/\/.*AnswersApi/);
  });

  it('puts the statistics route behind the staff authorizer with a read of the day counters only', () => {
    const stack = stage.complaintsApi;
    const [fnId] = functionNamed(stack, GATEWAY_FUNCTIONS.selfServiceStats.name);
    const methods = resources(stack, 'AWS::ApiGateway::Method').filter(([, m]) => JSON.stringify(m.Properties?.Integration ?? {}).includes(fnId));
    // Each route once for tokens and once under /iam for auditors' signed scripts.
    expect(methods.length).toBe(SELF_SERVICE_STATS_ROUTES.length * 2);
    const dynamo = statementsOf(stack, GATEWAY_FUNCTIONS.selfServiceStats.name).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    // On the complaint table: the day counters only. Besides it, the append-only access records of its own calls.
    const [complaints, ...rest] = [dynamo.filter((s) => JSON.stringify(s.Resource).includes('ComplaintsTable')), dynamo.filter((s) => !JSON.stringify(s.Resource).includes('ComplaintsTable'))];
    expect(complaints.map((s) => [asArray(s.Action), s.Condition])).toEqual([[['dynamodb:Query'], { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['SELFSERVICE#DAYS'] } }]]);
    for (const statement of rest.flat()) {
      expect(JSON.stringify(statement.Resource)).toContain('AuditTable');
      expect(asArray(statement.Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    }
  });

  it('passes cdk-nag', () => {
    expect(nagFindings(gateway.app, ['answers/ChatChannel/', 'answers/ComplaintsApi/'])).toEqual([]);
  });
});
