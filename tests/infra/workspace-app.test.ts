import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAFF_APIS } from '../../functions/core/staff/staff-routes.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { agentWorkspaceOrigins, connectInstanceAliasOf } from '../../lib/config/agent-workspace.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { WORKSPACE_APP_PERMISSIONS } from '../../lib/constructs/workspace-app-registration.ts';
import { apiRoutes, resourcesOf, stage, synthesizedGateway, templateOf, type CfnResource } from './synthesized-gateway.ts';

const json = (value: unknown): string => JSON.stringify(value);

beforeAll(() => {
  synthesizedGateway();
});

describe('the counselor workspace app on S3 and CloudFront', () => {
  it('serves the app from a private bucket through OAC, HTTPS only, with a CSP that lets only the stage\'s Connect instance frame it', () => {
    const api = stage('prod').complaintsApi;
    const template = templateOf(api);
    const [, policy] = resourcesOf(api, 'AWS::CloudFront::ResponseHeadersPolicy')[0] ?? [];
    const headers = (policy?.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }).SecurityHeadersConfig;
    const csp = json(headers.ContentSecurityPolicy);
    // The alias the Voice stack gives the new instance: <stage>-citizen-gateway-<account>.
    expect(csp).toContain("frame-ancestors 'self' https://prod-citizen-gateway-");
    expect(csp).toMatch(/\.my\.connect\.aws https:\/\/prod-citizen-gateway-.*\.awsapps\.com/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('https://cognito-idp.');
    expect(csp).not.toContain('unsafe-inline');
    // X-Frame-Options cannot name an origin: it would forbid the agent workspace too.
    expect(headers.FrameOptions).toBeUndefined();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const distributions = resourcesOf(api, 'AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(1);
    expect(json(distributions[0]?.[1].Properties)).toContain('"ViewerProtocolPolicy":"https-only"');
    expect(resourcesOf(api, 'AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
  });

  it('deploys the built app (page, styles, bundle; no sources) and config.json: the sign-in endpoint and pool, the app client and the staff API', () => {
    const api = stage('prod').complaintsApi;
    const deployments = resourcesOf(api, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const outdir = synthesizedGateway().app.outdir;
    const keys = (deployments[0]?.[1].Properties?.SourceObjectKeys as string[]).map((key) => key.replace(/\.zip$/, ''));
    const assets = keys.map((hash) => join(outdir, `asset.${hash}`));
    const files = assets.map((dir) => readdirSync(dir, { recursive: true }).map(String).sort());
    const app = files.find((list) => list.includes('index.html'));
    expect(app).toEqual(expect.arrayContaining(['index.html', 'console.css', join('dist', 'app.js')]));
    expect(app?.filter((file) => file.startsWith('src') || file.endsWith('.map'))).toEqual([]);
    const configDir = assets[files.findIndex((list) => list.includes('config.json'))];
    const config = JSON.parse(readFileSync(join(configDir ?? '', 'config.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(config).sort()).toEqual(['apiBaseUrl', 'clientId', 'endpoint', 'region', 'userPoolId']);
    expect(config.endpoint).toMatch(/^https:\/\/cognito-idp\.<<marker:0xbaba:\d+>>\.<<marker:0xbaba:\d+>>\/$/);
    // The pool and client ids are the stateful stack's, resolved at deploy time.
    expect(json(deployments[0]?.[1].Properties?.SourceMarkers)).toMatch(/StaffStaffPool.*StaffStaffPoolWorkspaceApp/);
  });

  it('answers the app\'s preflights on every staff route without authorization, and the app\'s origin on API Gateway\'s own refusals', () => {
    const api = stage('prod').complaintsApi;
    const routes = apiRoutes(api);
    const paths = new Set(Object.values(STAFF_APIS).flat().map((route) => route.path));
    for (const path of paths) {
      const preflight = routes.get(`OPTIONS ${path}`);
      expect(preflight?.AuthorizationType, path).toBe('NONE');
      expect(json(preflight?.Integration), path).toContain('Access-Control-Allow-Origin');
      expect(json(preflight?.Integration), path).toContain('Authorization,Content-Type');
    }
    // Auditors' SigV4 mirror is for scripts, not browsers.
    expect([...routes.keys()].filter((route) => route.startsWith('OPTIONS /iam'))).toEqual([]);
    const responses = resourcesOf(api, 'AWS::ApiGateway::GatewayResponse').map(([, resource]) => resource.Properties ?? {});
    expect(responses.map((response) => response.ResponseType).sort()).toEqual(['ACCESS_DENIED', 'DEFAULT_4XX', 'DEFAULT_5XX', 'UNAUTHORIZED']);
    for (const response of responses) expect(json(response.ResponseParameters)).toContain('gatewayresponse.header.Access-Control-Allow-Origin');
  });

  it('tells every staff handler the app\'s origin, so their own answers carry the CORS header', () => {
    const api = stage('prod').complaintsApi;
    const handler = resourcesOf(api, 'AWS::Lambda::Function').find(([, fn]) => json(fn.Properties).includes('complaints-api'));
    const variables = (handler?.[1].Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(json(variables[ENV.staffAppOrigin])).toContain('DomainName');
  });
});

describe('the app registered in the agent workspace', () => {
  it('registers an AppIntegrations application at the app\'s URL with only the contact permissions it uses, one instance per contact', () => {
    const voice = stage('prod').voice;
    const applications = resourcesOf(voice, 'AWS::AppIntegrations::Application');
    expect(applications).toHaveLength(1);
    const properties = applications[0]?.[1].Properties ?? {};
    expect(properties).toMatchObject({
      Name: 'prod-counselor-workspace',
      Namespace: 'prod-counselor-workspace',
      Permissions: WORKSPACE_APP_PERMISSIONS,
      ApplicationConfig: { ContactHandling: { Scope: 'PER_CONTACT' } },
    });
    expect(WORKSPACE_APP_PERMISSIONS).toEqual(['Contact.Details.View', 'Contact.Attributes.View']);
    // The CloudFront URL comes from the complaints API stack.
    expect(json((properties.ApplicationSourceConfig as { ExternalUrlConfig: unknown }).ExternalUrlConfig)).toMatch(/prod-ComplaintsApi.*WorkspaceApp.*DomainName/);
  });

  it('associates it with the stage\'s instance and gives the counselor and supervisor profiles access once it is associated', () => {
    const voice = stage('prod').voice;
    const template = templateOf(voice);
    const associations = resourcesOf(voice, 'AWS::Connect::IntegrationAssociation').filter(([, resource]) => resource.Properties?.IntegrationType === 'APPLICATION');
    expect(associations).toHaveLength(1);
    const [associationId, association] = associations[0] ?? [];
    expect(association?.Properties?.IntegrationType).toBe('APPLICATION');
    expect(json(association?.Properties?.InstanceId)).toContain('Instance');
    expect(json(association?.Properties?.IntegrationArn)).toContain('ApplicationArn');
    const profiles = Object.values(template.findResources('AWS::Connect::SecurityProfile') as Record<string, CfnResource & { DependsOn?: string[] }>);
    expect(profiles.map((profile) => profile.Properties?.SecurityProfileName).sort()).toEqual(['120-counselor', '120-supervisor']);
    for (const profile of profiles) {
      expect(profile.Properties?.Applications).toEqual([{ Namespace: 'prod-counselor-workspace', ApplicationPermissions: ['ACCESS'], Type: 'THIRD_PARTY_APPLICATION' }]);
      expect(profile.DependsOn).toContain(associationId);
    }
  });

  it('links the tasks it starts to their complaint in the app', () => {
    const voice = stage('prod').voice;
    const router = resourcesOf(voice, 'AWS::Lambda::Function').find(([, fn]) => json(fn.Properties).includes('agent-workspace-router'));
    const variables = (router?.[1].Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(json(variables[ENV.workspaceAppUrl])).toMatch(/prod-ComplaintsApi.*DomainName/);
  });

  it('names an imported instance by the alias its stage config gives, and refuses an imported instance without one', () => {
    const imported = parseStageConfig({
      ...stageByName('prod'),
      name: 'imp',
      connectInstanceArn: 'arn:aws:connect:ap-northeast-2:111122223333:instance/c8c0e68d-2200-4265-82c0-000000000000',
      connectInstanceAlias: 'seoul-120',
    });
    expect(agentWorkspaceOrigins(connectInstanceAliasOf(imported))).toEqual(['https://seoul-120.my.connect.aws', 'https://seoul-120.awsapps.com']);
    expect(() => parseStageConfig({ ...stageByName('prod'), connectInstanceArn: 'arn:aws:connect:ap-northeast-2:111122223333:instance/c8c0e68d-2200-4265-82c0-000000000000' })).toThrow(
      /connectInstanceAlias/,
    );
    expect(Stack.isStack(stage('prod').voice)).toBe(true);
  });
});
