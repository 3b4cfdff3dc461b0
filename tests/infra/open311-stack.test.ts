import type { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPEN311_BINARY_TYPES, OPEN311_ROUTES } from '../../functions/core/open311/routes.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { OPEN311_FUNCTIONS } from '../../lib/function-catalog.ts';
import { nagFindings } from '../support/nag-findings.ts';
import { resourcesOf, stage, synthesizedGateway } from './synthesized-gateway.ts';

type Resource = { Properties?: Record<string, unknown> };

/** Full path of every API Gateway resource of a stack, by logical id. */
function resourcePaths(stack: Stack): Map<string, string> {
  const resources = new Map(resourcesOf(stack, 'AWS::ApiGateway::Resource'));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const resource = resources.get(id) as Resource;
    const parent = resource.Properties?.ParentId as { Ref?: string } | undefined;
    const path = `${parent?.Ref && resources.has(parent.Ref) ? pathOf(parent.Ref) : ''}/${String(resource.Properties?.PathPart)}`;
    paths.set(id, path);
    return path;
  };
  for (const id of resources.keys()) pathOf(id);
  return paths;
}

describe('the Open311 stack', () => {
  beforeAll(() => {
    synthesizedGateway();
  });

  it('is deployed where the stage config sets open311, and only there', () => {
    expect(stage('dev').open311).toBeDefined();
    expect(stage('prod').open311).toBeUndefined();
  });

  it('serves exactly the routes of OPEN311_ROUTES, without IAM or authorizer, each with the Open311 function', () => {
    const stack = stage('dev').open311 as Stack;
    const [functionId] = resourcesOf(stack, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === OPEN311_FUNCTIONS.api.description) ?? [''];
    expect(functionId).not.toBe('');
    const paths = resourcePaths(stack);
    const methods = resourcesOf(stack, 'AWS::ApiGateway::Method')
      .filter(([, m]) => m.Properties?.HttpMethod !== 'OPTIONS')
      .map(([, m]) => {
        expect(m.Properties?.AuthorizationType).toBe('NONE');
        expect(JSON.stringify(m.Properties?.Integration)).toContain(functionId);
        return `${String(m.Properties?.HttpMethod)} ${paths.get((m.Properties?.ResourceId as { Ref: string }).Ref)}`;
      });
    expect(methods.sort()).toEqual(OPEN311_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('passes photos through as binary and protects the stage with the WAF, rate rule included', () => {
    const stack = stage('dev').open311 as Stack;
    const [[, api] = ['', {}]] = resourcesOf(stack, 'AWS::ApiGateway::RestApi') as Array<[string, Resource]>;
    expect(api.Properties?.BinaryMediaTypes).toEqual([...OPEN311_BINARY_TYPES]);
    const [[, acl] = ['', {}]] = resourcesOf(stack, 'AWS::WAFv2::WebACL') as Array<[string, Resource]>;
    expect(JSON.stringify(acl.Properties?.Rules)).toContain('"AggregateKeyType":"IP"');
    expect(resourcesOf(stack, 'AWS::WAFv2::WebACLAssociation')).toHaveLength(1);
  });

  it("gives the function the partner keys' secret by ARN and the web key in clear (an app id), never a partner key", () => {
    const stack = stage('dev').open311 as Stack;
    const [, fn] = resourcesOf(stack, 'AWS::Lambda::Function').find(([, candidate]) => candidate.Properties?.Description === OPEN311_FUNCTIONS.api.description) ?? ['', {}];
    const env = ((fn as Resource).Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[ENV.open311WebClientKey]).toBe('dev-open311-web-client-key');
    expect(env[ENV.open311JurisdictionId]).toBe('seoul.go.kr');
    expect(JSON.stringify(env[ENV.open311ApiKeysSecretArn])).toContain('ApiKeys');
    const [[, secret] = ['', {}]] = resourcesOf(stack, 'AWS::SecretsManager::Secret') as Array<[string, Resource]>;
    expect(secret.Properties?.SecretString).toBe('{"keys":""}');
  });

  it('lets the pipeline read uploads and expires them after a day', () => {
    const media = resourcesOf(stage('dev').stateful, 'AWS::S3::Bucket').map(([, bucket]) => JSON.stringify(bucket.Properties?.LifecycleConfiguration ?? {}));
    expect(media.some((rules) => rules.includes('"Prefix":"uploads/"') && rules.includes('"ExpirationInDays":1'))).toBe(true);
  });

  it("lets the citizen site's report page call the Open311 API (its CSP names the API's origin)", () => {
    const chat = stage('dev').chatChannel as Stack;
    const [[, policy] = ['', {}]] = resourcesOf(chat, 'AWS::CloudFront::ResponseHeadersPolicy') as Array<[string, Resource]>;
    const csp = JSON.stringify(policy.Properties);
    expect(csp).toMatch(/connect-src 'self'.*execute-api/);
    expect(csp).toContain('Open311');
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(stage('dev').open311 as Stack)).toEqual([]);
  });
});
