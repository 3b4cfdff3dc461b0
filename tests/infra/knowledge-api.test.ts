import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_INDEX_PREFIX, SUPERSEDED_TAG } from '../../functions/core/knowledge/index-objects.ts';
import { KNOWLEDGE_API_ROUTES, KNOWLEDGE_SEARCH_ROUTES } from '../../functions/core/staff/staff-routes.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { GATEWAY_FUNCTIONS } from '../../lib/function-catalog.ts';
import { buildGatewayApp, cdkJsonContext } from '../../lib/gateway-app.ts';
import type { GatewayStage } from '../../lib/gateway-stage.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';

type Resource = { Properties?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let prod: GatewayStage;
beforeAll(() => {
  const app = buildGatewayApp({ stages: [stageByName('prod')], context: cdkJsonContext(), outdir: cdkOutdir('knowledge-cdk-') });
  prod = app.stages[0]!;
  prod.synth();
});

const resources = (stack: Stack, type: string) => Object.entries(Template.fromStack(stack).findResources(type) as Record<string, Resource>);

function functionNamed(stack: Stack, name: string): [string, Resource] {
  const found = resources(stack, 'AWS::Lambda::Function').find(([, fn]) => (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

/** The S3 statements of the role of the function with this service name. */
function s3StatementsOf(stack: Stack, name: string): Statement[] {
  const [, fn] = functionNamed(stack, name);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return resources(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties?.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => asArray((policy.Properties?.PolicyDocument as { Statement: Statement | Statement[] }).Statement))
    .filter((statement) => asArray(statement.Action).some((action) => action.startsWith('s3:')));
}

const resourceText = (statement: Statement) => JSON.stringify(statement.Resource);

describe('the knowledge base in AWS', () => {
  it('serves search from its own function and the other routes from the knowledge API, both behind the staff authorizer', () => {
    const stack = prod.complaintsApi;
    const [searchId] = functionNamed(stack, GATEWAY_FUNCTIONS.knowledgeSearch.name);
    const [apiId] = functionNamed(stack, GATEWAY_FUNCTIONS.knowledgeApi.name);
    const methods = resources(stack, 'AWS::ApiGateway::Method').map(([, method]) => method.Properties ?? {});
    const target = (props: Record<string, unknown>) => JSON.stringify(props.Integration);
    const searchMethods = methods.filter((props) => target(props).includes(searchId));
    const apiMethods = methods.filter((props) => target(props).includes(apiId));
    expect(searchMethods).toHaveLength(KNOWLEDGE_SEARCH_ROUTES.length);
    expect(apiMethods).toHaveLength(KNOWLEDGE_API_ROUTES.length);
    for (const props of [...searchMethods, ...apiMethods]) expect(props.AuthorizationType).toBe('CUSTOM');
  });

  it('passes import files to the function as bytes: text/csv and NDJSON are binary media types of the API, with no JSON model on the import', () => {
    const [[, api]] = resources(prod.complaintsApi, 'AWS::ApiGateway::RestApi') as [[string, Resource]];
    expect(api.Properties?.BinaryMediaTypes).toEqual(['application/x-ndjson', 'text/csv']);
    const importMethod = resources(prod.complaintsApi, 'AWS::ApiGateway::Method').find(
      ([, method]) => method.Properties?.HttpMethod === 'POST' && JSON.stringify(method.Properties?.RequestModels ?? null) === 'null' && JSON.stringify(method.Properties?.Integration).includes(functionNamed(prod.complaintsApi, GATEWAY_FUNCTIONS.knowledgeApi.name)[0]),
    );
    expect(importMethod).toBeDefined();
  });

  it('lets search and the pipeline only read, and the knowledge API only read, write and tag, objects under knowledge-index/', () => {
    const search = s3StatementsOf(prod.complaintsApi, GATEWAY_FUNCTIONS.knowledgeSearch.name);
    const api = s3StatementsOf(prod.complaintsApi, GATEWAY_FUNCTIONS.knowledgeApi.name);
    const pipeline = s3StatementsOf(prod.intake, GATEWAY_FUNCTIONS.intakePipeline.name).filter((statement) => resourceText(statement).includes(KNOWLEDGE_INDEX_PREFIX));
    expect(search.map((s) => asArray(s.Action))).toEqual([['s3:GetObject']]);
    expect(pipeline.map((s) => asArray(s.Action))).toEqual([['s3:GetObject']]);
    expect(api.map((s) => asArray(s.Action).sort())).toEqual([['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging']]);
    for (const statement of [...search, ...api, ...pipeline]) expect(resourceText(statement)).toMatch(new RegExp(`/${KNOWLEDGE_INDEX_PREFIX}\\*"`));
  });

  it('gives both functions the table and the index bucket they read', () => {
    for (const name of [GATEWAY_FUNCTIONS.knowledgeSearch.name, GATEWAY_FUNCTIONS.knowledgeApi.name]) {
      const [, fn] = functionNamed(prod.complaintsApi, name);
      expect(Object.keys((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables), name).toEqual(expect.arrayContaining([ENV.tableName, ENV.knowledgeIndexBucket]));
    }
    const [, pipeline] = functionNamed(prod.intake, GATEWAY_FUNCTIONS.intakePipeline.name);
    expect((pipeline.Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toHaveProperty(ENV.knowledgeIndexBucket);
  });

  it('expires superseded index objects a day after they were tagged as such, and never the current one', () => {
    const buckets = resources(prod.stateful, 'AWS::S3::Bucket').map(([, bucket]) => bucket.Properties ?? {});
    const rules = buckets.flatMap((bucket) => ((bucket.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> } | undefined)?.Rules ?? []));
    const knowledgeRules = rules.filter((rule) => rule.Prefix === KNOWLEDGE_INDEX_PREFIX);
    expect(knowledgeRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ TagFilters: [{ Key: SUPERSEDED_TAG.key, Value: SUPERSEDED_TAG.value }], ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
      ]),
    );
    // Only tagged objects expire under this prefix: no rule expires the current (untagged) index by age.
    expect(knowledgeRules.filter((rule) => rule.ExpirationInDays !== undefined && rule.TagFilters === undefined)).toEqual([]);
  });
});
