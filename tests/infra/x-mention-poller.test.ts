import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { ComplaintTable } from '../../lib/constructs/complaint-table.ts';
import { XMentionPoller } from '../../lib/constructs/x-mention-poller.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

const X_ACCOUNT = '1422222222222222222';

interface Built {
  app: App;
  stack: Stack;
  poller: XMentionPoller;
  template: Template;
}

function build(pollRate?: Duration, redactionWindowDays?: number): Built {
  const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('x-poller-cdk-') });
  const stack = new Stack(app, 'XPollerTest', { env: { account: '111122223333', region: 'ap-northeast-2' } });
  const key = new Key(stack, 'Key', { enableKeyRotation: true });
  const complaints = new ComplaintTable(stack, 'Complaints', { encryptionKey: key });
  const dlq = new Queue(stack, 'Dlq', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
  const intake = new Queue(stack, 'Intake', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
  });
  const topic = new Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  const poller = new XMentionPoller(stack, 'XMentions', {
    stageName: 'test',
    table: { table: complaints.table, indexNames: complaints.indexNames },
    intakeQueue: intake,
    encryptionKey: key,
    alarmTopic: topic,
    xAccountId: X_ACCOUNT,
    monthlyReadBudget: 10_000,
    ...(pollRate ? { pollRate } : {}),
    ...(redactionWindowDays !== undefined ? { redactionWindowDays } : {}),
    logRetention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  return { app, stack, poller, template: Template.fromStack(stack) };
}

describe('XMentionPoller construct', () => {
  let built: Built;
  beforeAll(() => {
    built = build();
  });

  it('schedules the poller every minute by default, without retries (the next tick re-reads)', () => {
    built.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [built.stack.getLogicalId(built.poller.poller.function.node.defaultChild as never), 'Arn'] },
        Input: JSON.stringify({ source: 'x-mention-poller-schedule' }),
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      },
    });
    built.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
  });

  it('follows the stage’s poll rate', () => {
    const { template } = build(Duration.minutes(5));
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
  });

  it('runs Node.js 22 on arm64 with the X settings, the credentials secret ARN (not its value) and a timeout inside the lease', () => {
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      Environment: {
        Variables: Match.objectLike({
          X_ACCOUNT_ID: X_ACCOUNT,
          X_MONTHLY_READ_BUDGET: '10000',
          X_READ_AS: 'owner',
          X_SECRET_ARN: { Ref: Match.stringLikeRegexp('XMentionsCredentials') },
          TABLE_NAME: Match.anyValue(),
          INTAKE_QUEUE_URL: Match.anyValue(),
        }),
      },
    });
    const env = JSON.stringify(built.template.findResources('AWS::Lambda::Function'));
    expect(env).not.toContain('X_API_BASE_URL');
  });

  it('grants GetSecretValue on its own secret only, conditional table writes and SendMessage, nothing service-wide', () => {
    const policies = built.template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    const secretGrant = statements.find((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretGrant?.Resource).toEqual({ Ref: expect.stringMatching(/^XMentionsCredentials/) });
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'sqs:SendMessage']));
    expect(actions.some((action) => action.endsWith(':*'))).toBe(false);
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('keeps the X credentials in a KMS-encrypted secret with no value in the template', () => {
    built.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'bearerToken' }),
    });
    expect(JSON.stringify(built.template.toJSON())).not.toMatch(/"SecretString":/);
  });

  it('alarms to the operations topic when the monthly read budget stops a poll', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CitizenGateway/X',
      MetricName: 'ReadBudgetExhausted',
      Dimensions: [{ Name: 'AccountId', Value: X_ACCOUNT }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
  });

  it('alarms to the operations topic when X answers UsageCapExceeded', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CitizenGateway/X',
      MetricName: 'UsageCapExceeded',
      Dimensions: [{ Name: 'AccountId', Value: X_ACCOUNT }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
  });

  it('alarms when the poller keeps failing', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Period: 900,
      Threshold: 3,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
  });

  it('runs the compliance sweep hourly (batch jobs; lookups once a day), without retries, with its own read budget', () => {
    const sweeper = built.stack.getLogicalId(built.poller.sweeper.function.node.defaultChild as never);
    built.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: {
        Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] },
        Input: JSON.stringify({ source: 'x-deletion-sweep-schedule' }),
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 3600 },
      },
    });
    const functions = built.template.findResources('AWS::Lambda::Function');
    const sweep = functions[sweeper] as { Properties: { Timeout: number; Environment: { Variables: Record<string, unknown> } } };
    expect(sweep.Properties.Timeout).toBe(300);
    expect(sweep.Properties.Environment.Variables).toMatchObject({
      X_ACCOUNT_ID: X_ACCOUNT,
      X_SWEEP_MONTHLY_READ_BUDGET: '2000',
      X_COMPLIANCE_JOBS: 'on',
      X_REDACTION_WINDOW_DAYS: '3650',
      X_SECRET_ARN: { Ref: expect.stringMatching(/^XMentionsCredentials/) },
    });
    expect(sweep.Properties.Environment.Variables).not.toHaveProperty('INTAKE_QUEUE_URL');
  });

  it('lets the scheduler role invoke exactly the poller and the sweep', () => {
    const policies = built.template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('SchedulerRole') }] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(new Set(statements.flatMap((statement) => [statement.Action].flat()))).toEqual(new Set(['lambda:InvokeFunction']));
    const resources = JSON.stringify(statements.map((statement) => statement.Resource));
    expect(resources).toContain(built.stack.getLogicalId(built.poller.sweeper.function.node.defaultChild as never));
    expect(resources).toContain(built.stack.getLogicalId(built.poller.poller.function.node.defaultChild as never));
  });

  it('alarms when two hourly sweeps fail within three hours', () => {
    const sweeper = built.stack.getLogicalId(built.poller.sweeper.function.node.defaultChild as never);
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: sweeper } }],
      Period: 10800,
      Threshold: 2,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
  });

  it('refuses a retention window outside 1..3650 days', () => {
    expect(() => build(undefined, 0)).toThrow(/redactionWindowDays/);
    expect(() => build(undefined, 3651)).toThrow(/redactionWindowDays/);
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged finding', () => {
    expect(nagFindings(built.app)).toEqual([]);
  });

  it('refuses an X account that is not a numeric user id', () => {
    const app = new App({ outdir: cdkOutdir('x-poller-bad-') });
    const stack = new Stack(app, 'Bad');
    expect(
      () =>
        new XMentionPoller(stack, 'X', {
          xAccountId: '@seoul_city',
        } as never),
    ).toThrow(/numeric X user id/);
  });
});
