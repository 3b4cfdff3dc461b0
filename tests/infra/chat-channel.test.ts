import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { ChatChannel } from '../../lib/constructs/chat-channel.ts';
import { ComplaintTable } from '../../lib/constructs/complaint-table.ts';
import { acknowledge } from '../../lib/constructs/nag.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

interface Built {
  app: App;
  stack: Stack;
  chat: ChatChannel;
  template: Template;
}

function build(): Built {
  const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('chat-cdk-') });
  const stack = new Stack(app, 'ChatTest', { env: { account: '111122223333', region: 'ap-northeast-2' } });
  const key = new Key(stack, 'Key', { enableKeyRotation: true });
  const complaints = new ComplaintTable(stack, 'Complaints', { encryptionKey: key });
  const dlq = new Queue(stack, 'Dlq', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
  const intake = new Queue(stack, 'Intake', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const pii = new Secret(stack, 'Pii', { encryptionKey: key });
  const twilio = new Secret(stack, 'Twilio', { encryptionKey: key });
  // Fixtures: the real secrets (and their rotation findings) belong to GatewaySecrets.
  for (const secret of [pii, twilio]) acknowledge(secret, 'AwsSolutions-SMG4', 'test fixture secret; the deployed ones are GatewaySecrets, checked in its own tests');
  const chat = new ChatChannel(stack, 'Chat', {
    stageName: 'test',
    table: { table: complaints.table, indexNames: complaints.indexNames },
    intakeQueue: intake,
    piiSecret: pii,
    sms: { kind: 'twilio', secret: twilio, fromNumber: '+15005550006' },
    throttle: { rateLimit: 20, burstLimit: 40 },
    logRetention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
    eventBus: new EventBus(stack, 'Bus'),
    alarmTopic: new Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true }),
  });
  return { app, stack, chat, template: Template.fromStack(stack) };
}

const ref = (stack: Stack, construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

describe('ChatChannel construct', () => {
  let built: Built;
  beforeAll(() => {
    built = build();
  });

  it('routes frames on their action, with $connect, $disconnect, $default and sendMessage', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const routes = Object.values(built.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r.Properties as { RouteKey: string }).RouteKey);
    expect(routes.sort()).toEqual(['$connect', '$default', '$disconnect', 'sendMessage']);
  });

  it('puts the Lambda REQUEST authorizer on $connect only, with no identity source so the Lambda answers 401 itself', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: [],
      AuthorizerUri: Match.anyValue(),
    });
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: Match.anyValue() });
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage', AuthorizationType: 'NONE' });
  });

  it('deploys a throttled stage with JSON access logs that leave out query strings and headers', () => {
    const stage = Object.values(built.template.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties as {
      AutoDeploy: boolean;
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ connectionId: '$context.connectionId', routeKey: '$context.routeKey' });
    expect(stage.AccessLogSettings.Format).not.toMatch(/querystring|header/i);
  });

  it('runs every chat function on Node.js 22 arm64', () => {
    const functions = Object.values(built.template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Chat') } }));
    expect(functions).toHaveLength(7);
    for (const f of functions) expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });

  it('grants execute-api:ManageConnections only on this API stage\'s @connections, to the message and accounts functions only', () => {
    const policies = built.template.findResources('AWS::IAM::Policy');
    const granting = Object.entries(policies).filter(([, p]) => JSON.stringify(p).includes('execute-api:ManageConnections'));
    const roles = [built.chat.functions.message.role, built.chat.functions.accounts.role].map((role) => ref(built.stack, role as never));
    expect(granting).toHaveLength(2);
    for (const [, policy] of granting) {
      expect(roles.some((role) => JSON.stringify((policy.Properties as { Roles: unknown }).Roles).includes(role))).toBe(true);
      const statement = (policy.Properties as { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } }).PolicyDocument.Statement.find(
        (s) => s.Action === 'execute-api:ManageConnections',
      );
      const resource = JSON.stringify(statement?.Resource);
      expect(resource).toContain(ref(built.stack, built.chat.webSocketApi));
      expect(resource).toContain('test/*/@connections/*');
      expect(resource).not.toMatch(/"\*"/);
    }
  });

  it('gives the authorizer read-only table access and no queue, secret or connection rights', () => {
    const role = built.chat.functions.authorizer.role;
    const policy = Object.values(built.template.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify((p.Properties as { Roles: unknown }).Roles).includes(ref(built.stack, role as never)),
    );
    const text = JSON.stringify(policy);
    expect(text).toContain('dynamodb:GetItem');
    expect(text).not.toContain('dynamodb:PutItem');
    expect(text).not.toContain('sqs:SendMessage');
    expect(text).not.toContain('secretsmanager:GetSecretValue');
  });

  it('serves the page from a private bucket through CloudFront with OAC, HTTPS only and security headers', () => {
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    built.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: { SigningBehavior: 'always', OriginAccessControlOriginType: 's3' } });
    built.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html', DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }) }),
    });
    const headers = JSON.stringify(built.template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    for (const expected of ["frame-ancestors 'none'", "script-src 'self'", 'StrictTransportSecurity', 'DENY', 'no-referrer']) expect(headers).toContain(expected);
    built.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) },
    });
  });

  it('exposes the accounts API routes with CORS for the page origin only', () => {
    const paths = Object.values(built.template.findResources('AWS::ApiGateway::Resource')).map((r) => (r.Properties as { PathPart: string }).PathPart);
    expect(paths).toEqual(expect.arrayContaining(['chat', 'accounts', 'verify', 'tokens', 'revoke']));
    const accounts = Object.values(built.template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Chat accounts') } }))[0];
    const env = JSON.stringify(accounts?.Properties);
    expect(env).toContain('CHAT_ALLOWED_ORIGIN');
    expect(env).toContain('SMS_SENDER');
  });

  it('serves the Web Push routes from the push function, which with the push sender alone reads the VAPID secret, and writes no connection', () => {
    const paths = Object.values(built.template.findResources('AWS::ApiGateway::Resource')).map((r) => (r.Properties as { PathPart: string }).PathPart);
    expect(paths).toEqual(expect.arrayContaining(['push', 'key', 'subscriptions']));
    const vapid = ref(built.stack, built.chat.vapidSecret as never);
    const policies = Object.values(built.template.findResources('AWS::IAM::Policy'));
    const readingVapid = policies.filter((policy) => JSON.stringify(policy).includes(vapid));
    expect(readingVapid.map((policy) => JSON.stringify((policy.Properties as { Roles: unknown }).Roles)).sort()).toEqual(
      [built.chat.functions.push, built.chat.functions.pushSender].map((fn) => JSON.stringify([{ Ref: ref(built.stack, fn.role as never) }])).sort(),
    );
    for (const policy of readingVapid) expect(JSON.stringify(policy)).not.toContain('execute-api:ManageConnections');
    const pushFunction = Object.values(built.template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Chat Web Push') } }))[0];
    expect(JSON.stringify(pushFunction?.Properties)).toContain('VAPID_SECRET_ARN');
  });

  it('sends requested pushes from the push sender: reply.push_requested on the bus, retried, then dead letters that alarm', () => {
    const sender = ref(built.stack, built.chat.functions.pushSender.function as never);
    built.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^Bus') },
      EventPattern: { source: ['citizen-contact-gateway'], 'detail-type': ['reply.push_requested'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [sender, 'Arn'] }, DeadLetterConfig: Match.anyValue(), RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 } })],
    });
    const deadLetters = ref(built.stack, built.chat.pushRequests.deadLetterQueue as never);
    built.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: sender },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetters, 'Arn'] } } },
    });
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetters, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged finding', () => {
    expect(nagFindings(built.app)).toEqual([]);
  });
});
