import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { VOICE_FUNCTIONS } from '../../lib/function-catalog.ts';
import { GatewayFunction } from '../../lib/constructs/gateway-function.ts';
import { ContactCenter, type ContactCenterInstance } from '../../lib/constructs/contact-center/contact-center.ts';
import type { FlowDocument } from '../../lib/contact-flows/flow-language.ts';
import { validateFlow } from '../../lib/contact-flows/validate-flow.ts';
import { QUEUE_NAMES } from '../../lib/constructs/contact-center/contact-center-defaults.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Renders a CloudFormation string expression with placeholders for references, so flow JSON can be parsed. */
function render(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const join = value['Fn::Join'] as [string, Json[]] | undefined;
    if (join) return join[1].map(render).join(join[0]);
    if ('Ref' in value) return `ref-${String(value.Ref)}`;
    const getAtt = value['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt) return `getatt-${getAtt[0]}-${getAtt[1]}`;
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

interface Built {
  app: App;
  template: Template;
  functionIds: { contactStart: string; outcome: string; unrelated: string };
}

function build(instance: ContactCenterInstance): Built {
  const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('contact-center-cdk-') });
  const stack = new Stack(app, 'ContactCenterTest', { env: { account: '111122223333', region: 'ap-northeast-2' } });
  const fn = (id: string, entry: string) =>
    new GatewayFunction(stack, id, { entry, description: id, serviceName: id, logRetention: RetentionDays.ONE_MONTH, logRemovalPolicy: RemovalPolicy.DESTROY });
  // Catalog entries: their bundles are the ones the test run built before this file started.
  const contactStart = fn('ContactStart', VOICE_FUNCTIONS.contactStart.entry);
  const outcome = fn('HappyCallOutcome', VOICE_FUNCTIONS.happyCallOutcome.entry);
  const unrelated = fn('Unrelated', VOICE_FUNCTIONS.contactEvents.entry);
  new ContactCenter(stack, 'ContactCenter', { instance, contactStartFunction: contactStart.function, happyCallOutcomeFunction: outcome.function });
  const logical = (f: GatewayFunction) => stack.getLogicalId(f.function.node.defaultChild as never);
  return { app, template: Template.fromStack(stack), functionIds: { contactStart: logical(contactStart), outcome: logical(outcome), unrelated: logical(unrelated) } };
}

describe('ContactCenter construct', () => {
  let built: Built;
  beforeAll(() => {
    built = build({ kind: 'new', alias: 'seoul-120-test' });
  });

  it('creates a Connect-managed instance with inbound and outbound calls and flow logs', () => {
    built.template.hasResourceProperties('AWS::Connect::Instance', {
      IdentityManagementType: 'CONNECT_MANAGED',
      InstanceAlias: 'seoul-120-test',
      Attributes: { InboundCalls: true, OutboundCalls: true, ContactflowLogs: true },
    });
  });

  it('keeps hours of operation open around the clock every day in Seoul time', () => {
    const [hours] = Object.values(built.template.findResources('AWS::Connect::HoursOfOperation'));
    expect(hours?.Properties.TimeZone).toBe('Asia/Seoul');
    const config = hours?.Properties.Config as Array<{ Day: string; StartTime: unknown; EndTime: unknown }>;
    expect(config.map((c) => c.Day).sort()).toEqual(['FRIDAY', 'MONDAY', 'SATURDAY', 'SUNDAY', 'THURSDAY', 'TUESDAY', 'WEDNESDAY']);
    for (const c of config) expect([c.StartTime, c.EndTime]).toEqual([{ Hours: 0, Minutes: 0 }, { Hours: 0, Minutes: 0 }]);
  });

  it('has a queue and a routing profile for each language and for sign language', () => {
    const queueNames = Object.values(built.template.findResources('AWS::Connect::Queue')).map((q) => q.Properties.Name).sort();
    expect(queueNames).toEqual(['120-Chinese', '120-English', '120-Japanese', '120-Korean', '120-Mongolian', '120-SignLanguage', '120-Vietnamese']);
    const profiles = Object.values(built.template.findResources('AWS::Connect::RoutingProfile'));
    expect(profiles).toHaveLength(7);
    for (const p of profiles) {
      expect((p.Properties.MediaConcurrencies as Array<{ Channel: string }>).map((m) => m.Channel)).toEqual(['VOICE', 'CHAT', 'TASK']);
    }
  });

  it('has counselor and supervisor security profiles, supervisors seeing metrics', () => {
    const profiles = Object.values(built.template.findResources('AWS::Connect::SecurityProfile')).map((p) => p.Properties);
    expect(profiles.map((p) => p.SecurityProfileName).sort()).toEqual(['120-counselor', '120-supervisor']);
    expect(profiles.find((p) => p.SecurityProfileName === '120-supervisor')?.Permissions).toContain('AccessMetrics');
    expect(profiles.find((p) => p.SecurityProfileName === '120-counselor')?.Permissions).not.toContain('AccessMetrics');
  });

  it('queues reservation tasks by their queueId attribute, falling back to the sign-language queue, never a speaking one', () => {
    const flows = Object.values(built.template.findResources('AWS::Connect::ContactFlow'));
    const sign = flows.find((f) => f.Properties.Name === 'gateway-sign-language-task');
    const document = JSON.parse(render(sign?.Properties.Content as Json)) as FlowDocument;
    const queues = built.template.findResources('AWS::Connect::Queue');
    const signQueueId = Object.entries(queues).find(([, q]) => q.Properties.Name === QUEUE_NAMES.sign)?.[0];
    const setQueues = document.Actions.filter((a) => a.Type === 'UpdateContactTargetQueue').map((a) => (a.Parameters as { QueueId: string }).QueueId);
    expect(setQueues).toEqual(['$.Attributes.queueId', `getatt-${signQueueId}-QueueArn`]);
    expect(document.Actions.some((a) => a.Type === 'InvokeLambdaFunction')).toBe(false);
    const transfers = document.Actions.filter((a) => a.Type === 'TransferContactToQueue');
    expect(transfers).toHaveLength(2);
  });

  it('deploys the three generated flows and the sign-language task and video flows, each still valid once CloudFormation references are in', () => {
    const flows = Object.values(built.template.findResources('AWS::Connect::ContactFlow'));
    expect(flows.map((f) => f.Properties.Name).sort()).toEqual(['gateway-chat-task', 'gateway-happy-call', 'gateway-main-ivr', 'gateway-sign-language-task', 'gateway-sign-language-video']);
    for (const flow of flows) {
      const document = JSON.parse(render(flow.Properties.Content as Json)) as FlowDocument;
      expect(validateFlow(document)).toEqual([]);
      expect(flow.Properties.Type).toBe('CONTACT_FLOW');
    }
    const main = JSON.parse(render(flows.find((f) => f.Properties.Name === 'gateway-main-ivr')?.Properties.Content as Json)) as FlowDocument;
    const invoke = main.Actions.find((a) => a.Type === 'InvokeLambdaFunction');
    expect(JSON.stringify(invoke?.Parameters)).toContain(built.functionIds.contactStart);
  });

  it('lets Connect invoke exactly the two flow Lambdas, scoped to the instance', () => {
    const permissions = Object.values(built.template.findResources('AWS::Lambda::Permission')).filter((p) => p.Properties.Principal === 'connect.amazonaws.com');
    const targets = permissions.map((p) => JSON.stringify(p.Properties.FunctionName));
    expect(permissions).toHaveLength(2);
    expect(targets.some((t) => t.includes(built.functionIds.contactStart))).toBe(true);
    expect(targets.some((t) => t.includes(built.functionIds.outcome))).toBe(true);
    expect(targets.some((t) => t.includes(built.functionIds.unrelated))).toBe(false);
    for (const p of permissions) {
      expect(p.Properties.Action).toBe('lambda:InvokeFunction');
      expect(JSON.stringify(p.Properties.SourceArn)).toContain('Instance');
    }
    const integrations = Object.values(built.template.findResources('AWS::Connect::IntegrationAssociation'));
    expect(integrations.map((i) => i.Properties.IntegrationType)).toEqual(['LAMBDA_FUNCTION', 'LAMBDA_FUNCTION']);
  });

  it('publishes each flow only after the integration of every Lambda it invokes (Connect validates them on publish)', () => {
    const flows = built.template.findResources('AWS::Connect::ContactFlow') as Record<string, { Properties: { Name: string }; DependsOn?: string[] }>;
    const integrations = built.template.findResources('AWS::Connect::IntegrationAssociation') as Record<string, { Properties: { IntegrationArn: Json } }>;
    const integrationOf = (functionId: string) => Object.entries(integrations).find(([, i]) => JSON.stringify(i.Properties.IntegrationArn).includes(functionId))?.[0];
    const dependsOn = (name: string) => Object.values(flows).find((f) => f.Properties.Name === name)?.DependsOn ?? [];
    expect(dependsOn('gateway-main-ivr')).toContain(integrationOf(built.functionIds.contactStart));
    expect(dependsOn('gateway-happy-call')).toContain(integrationOf(built.functionIds.outcome));
    expect(dependsOn('gateway-main-ivr')).not.toContain(integrationOf(built.functionIds.outcome));
    expect(dependsOn('gateway-chat-task').filter((id) => id in integrations)).toEqual([]);
  });

  it('uses an existing instance by ARN without creating one', () => {
    const arn = 'arn:aws:connect:ap-northeast-2:111122223333:instance/12345678-1234-1234-1234-123456789012';
    const imported = build({ kind: 'import', instanceArn: arn });
    imported.template.resourceCountIs('AWS::Connect::Instance', 0);
    for (const q of Object.values(imported.template.findResources('AWS::Connect::Queue'))) expect(q.Properties.InstanceArn).toBe(arn);
    const permission = Object.values(imported.template.findResources('AWS::Lambda::Permission')).find((p) => p.Properties.Principal === 'connect.amazonaws.com');
    expect(permission?.Properties.SourceArn).toBe(arn);
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged finding', () => {
    expect(nagFindings(built.app)).toEqual([]);
  });
});
