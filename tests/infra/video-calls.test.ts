import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/wiring/env-names.ts';
import { CHAT_ENV } from '../../functions/wiring/aws/chat-env.ts';
import { VIDEO_FUNCTIONS } from '../../lib/function-catalog.ts';
import { resourcesOf, stage, synthesizedGateway, templateOf, type CfnResource } from './synthesized-gateway.ts';

const STAGE = 'prod-eum';
const FUNCTION_NAME = `cgw-${STAGE}-video-calls`;

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (policy: CfnResource): Statement[] => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;

describe("citizens' sign-language video calls in AWS", () => {
  beforeAll(() => {
    synthesizedGateway();
  }, 600_000);

  it('creates the video-calls function under its fixed name in the voice stack, on the video flow, with CORS for the chat page', () => {
    const voice = stage(STAGE).voice;
    const [id, fn] = resourcesOf(voice, 'AWS::Lambda::Function').find(([, f]) => f.Properties?.FunctionName === FUNCTION_NAME) ?? [];
    expect(fn, 'video-calls function').toBeDefined();
    expect(fn?.Properties?.Description).toBe(VIDEO_FUNCTIONS.calls.description);
    const env = (fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env)).toEqual(expect.arrayContaining([ENV.tableName, ENV.intakeQueueUrl, ENV.piiSecretArn, ENV.connectInstanceArn, ENV.connectVideoFlowArn, CHAT_ENV.allowedOrigin]));
    const flows = resourcesOf(voice, 'AWS::Connect::ContactFlow');
    const [videoFlowId] = flows.find(([, flow]) => flow.Properties?.Name === 'gateway-sign-language-video') ?? [];
    expect(JSON.stringify(env[ENV.connectVideoFlowArn])).toContain(videoFlowId);
    expect(id).toBeDefined();
  });

  it('generates a valid video flow that checks sign-language staffing for on-demand calls', () => {
    const voice = stage(STAGE).voice;
    const [, flow] = resourcesOf(voice, 'AWS::Connect::ContactFlow').find(([, f]) => f.Properties?.Name === 'gateway-sign-language-video') ?? [];
    const content = voice.resolve(flow?.Properties?.Content) as unknown;
    // A Fn::Join over the queue ARN; the flow's structure and validity are checked on the builder's output (unit test).
    expect(JSON.stringify(content)).toContain('CheckMetricData');
    expect(JSON.stringify(content)).toContain('NumberOfAgentsAvailable');
  });

  it('grants connect:StartWebRTCContact on the video flow and the instance contacts only, and lets exactly the two chat API methods invoke the function', () => {
    const voice = stage(STAGE).voice;
    const grants = resourcesOf(voice, 'AWS::IAM::Policy').flatMap(([, policy]) => statementsOf(policy)).filter((s) => [s.Action].flat().includes('connect:StartWebRTCContact'));
    expect(grants).toHaveLength(1);
    const resources = JSON.stringify(grants[0]!.Resource);
    expect(resources).toContain('ContactFlowArn');
    expect(resources).toContain('/contact/*');
    const permissions = resourcesOf(voice, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties?.Principal === 'apigateway.amazonaws.com' && JSON.stringify(p.Properties?.FunctionName).includes('videocalls'));
    const sources = permissions.map(([, p]) => JSON.stringify(p.Properties?.SourceArn));
    expect(sources).toHaveLength(2);
    expect(sources.some((s) => s.includes('/POST/video-calls"'))).toBe(true);
    expect(sources.some((s) => s.includes('/GET/video-calls/reservations'))).toBe(true);
  });

  it('serves the routes on the chat accounts API (integrated by the fixed name), lets the page reach Chime media, and deploys the SDK bundle', () => {
    const chat = stage(STAGE).chatChannel!;
    const template = templateOf(chat).toJSON() as { Resources: Record<string, CfnResource> };
    const paths = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGateway::Resource').map((r) => r.Properties?.PathPart);
    expect(paths).toEqual(expect.arrayContaining(['video-calls', 'reservations']));
    const methods = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGateway::Method' && JSON.stringify(r.Properties?.Integration ?? {}).includes(FUNCTION_NAME));
    expect(methods.map((m) => m.Properties?.HttpMethod).sort()).toEqual(['GET', 'POST']);
    const csp = JSON.stringify(Object.values(template.Resources).find((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')?.Properties);
    expect(csp).toContain('wss://*.chime.aws');
    expect(csp).toContain('https://*.chime.aws');
    // Beside the status lookup's API, which the status page on the same site calls.
    expect(csp).toContain('CitizenStatus');
    const deployment = Object.values(template.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect((deployment?.Properties?.SourceObjectKeys as unknown[]).length).toBeGreaterThanOrEqual(3);
  });

  it('records video calls from the INITIATED contact event on', () => {
    const voice = stage(STAGE).voice;
    const rule = resourcesOf(voice, 'AWS::Events::Rule').find(([, r]) => JSON.stringify(r.Properties?.EventPattern).includes('Amazon Connect Contact Event'));
    expect((rule?.[1].Properties?.EventPattern as { detail: { eventType: string[] } }).detail.eventType).toContain('INITIATED');
  });
});
