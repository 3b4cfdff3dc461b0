import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_AUDIT_GSIS, AUDIT_EVENT_LSI } from '../../functions/adapters/dynamodb/audit-table-definition.ts';
import { stageByName } from '../../lib/config/stages.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { AuditDigestJob, AuditTrail } from '../../lib/constructs/audit-trail.ts';
import { GatewayFunction } from '../../lib/constructs/gateway-function.ts';
import { AUDIT_FUNCTIONS } from '../../lib/function-catalog.ts';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { StatefulStack } from '../../lib/stacks/stateful-stack.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';
import { allStatements, asArray, updateOrDeleteGrants } from './audit-iam.ts';

interface Built {
  stack: Stack;
  template: Template;
  trail: AuditTrail;
  api: GatewayFunction;
  job: AuditDigestJob;
  tableId: string;
}

function build(misgrant?: (trail: AuditTrail, fn: GatewayFunction) => void): Built {
  const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('audit-trail-cdk-') });
  const stack = new Stack(app, 'AuditTrailTest', { env: { account: '111122223333', region: 'ap-northeast-2' } });
  const key = new Key(stack, 'Key', { enableKeyRotation: true });
  const accessLogs = new Bucket(stack, 'AccessLogs', { encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED, versioned: true });
  const trail = new AuditTrail(stack, 'Audit', { stageName: 'test', encryptionKey: key, accessLogBucket: accessLogs });
  const api = new GatewayFunction(stack, 'AuditApi', {
    entry: AUDIT_FUNCTIONS.api.entry,
    description: AUDIT_FUNCTIONS.api.description,
    serviceName: AUDIT_FUNCTIONS.api.name,
    logRetention: RetentionDays.ONE_MONTH,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  });
  trail.bindAuditApi(api);
  misgrant?.(trail, api);
  const topic = new Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  const job = new AuditDigestJob(stack, 'AuditDigest', { stageName: 'test', trail, alarmTopic: topic, logRetention: RetentionDays.ONE_MONTH, logRemovalPolicy: RemovalPolicy.DESTROY });
  const template = Template.fromStack(stack);
  return { stack, template, trail, api, job, tableId: stack.getLogicalId(trail.table.node.defaultChild as CfnTable) };
}

describe('AuditTrail construct', () => {
  let built: Built;
  beforeAll(() => {
    built = build();
  });

  it('grants no function UpdateItem, DeleteItem, BatchWriteItem or any other change to the audit table (read from the synthesized IAM)', () => {
    const actionsOnTable = allStatements(built.template)
      .filter(({ statement }) => JSON.stringify(statement.Resource).includes(built.tableId))
      .flatMap(({ statement }) => asArray(statement.Action));
    expect(new Set(actionsOnTable)).toEqual(new Set(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query']));
    expect(updateOrDeleteGrants(built.template, built.tableId)).toEqual([]);
  });

  it('the IAM check does catch a function granted read/write the usual CDK way (control)', () => {
    const bad = build((trail, fn) => trail.table.grantReadWriteData(fn.role));
    expect(updateOrDeleteGrants(bad.template, bad.tableId)).toEqual(expect.arrayContaining([expect.stringContaining('dynamodb:UpdateItem'), expect.stringContaining('dynamodb:DeleteItem'), expect.stringContaining('dynamodb:BatchWriteItem')]));
    const wildcard = build((trail, fn) => trail.table.grant(fn.role, 'dynamodb:*'));
    expect(updateOrDeleteGrants(wildcard.template, wildcard.tableId)).toEqual(expect.arrayContaining([expect.stringContaining('dynamodb:DeleteItem')]));
  });

  it('keeps the table: deletion protection, point-in-time recovery, the stage key, retained, and no TTL', () => {
    const tables = built.template.findResources('AWS::DynamoDB::Table');
    const table = tables[built.tableId] as { Properties: Record<string, unknown>; DeletionPolicy: string; UpdateReplacePolicy: string };
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(table.Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('has the keys and indexes the store and the local gateway use', () => {
    built.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: AUDIT_EVENT_LSI.indexName,
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: AUDIT_EVENT_LSI.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      GlobalSecondaryIndexes: ALL_AUDIT_GSIS.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('locks digests in compliance mode for two years in a versioned, private, SSL-only, logged, retained bucket', () => {
    const buckets = built.template.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } });
    expect(Object.keys(buckets)).toHaveLength(1);
    const [id, bucket] = Object.entries(buckets)[0] as [string, { Properties: Record<string, unknown>; DeletionPolicy: string }];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 731 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: expect.anything(), LogFilePrefix: 'audit-digests/' },
    });
    built.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets the digest job put digests with their retention and read them back; the API only reads them', () => {
    const s3 = allStatements(built.template).filter(({ statement }) => asArray(statement.Action).some((action) => action.startsWith('s3:')));
    const byRole = (fn: GatewayFunction) => s3.filter(({ where }) => where === built.stack.getLogicalId(fn.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as never));
    expect(byRole(built.api).flatMap(({ statement }) => asArray(statement.Action))).toEqual(['s3:GetObject']);
    expect(new Set(byRole(built.job.function).flatMap(({ statement }) => asArray(statement.Action)))).toEqual(new Set(['s3:PutObject', 's3:PutObjectRetention', 's3:GetObject']));
    for (const { statement } of s3) expect(JSON.stringify(statement.Resource)).toContain('/digests/*');
    expect(s3.flatMap(({ statement }) => asArray(statement.Action)).some((action) => /Delete|BypassGovernance|PutObjectLockConfiguration|PutBucket/.test(action))).toBe(false);
  });

  it('runs the digest job at 00:30 KST with the table and bucket names, and alarms on its first failure', () => {
    built.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Seoul',
      Target: Match.objectLike({ Input: JSON.stringify({ source: 'audit-digest-schedule' }) }),
    });
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'audit-digest', AUDIT_TABLE_NAME: Match.anyValue(), AUDIT_DIGEST_BUCKET: Match.anyValue() }) },
      Timeout: 600,
    });
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 1, AlarmActions: [Match.anyValue()] });
  });

  it('raises no cdk-nag finding', () => {
    expect(nagFindings(built.stack)).toEqual([]);
  });
});

describe('the stateful stack', () => {
  it('holds the audit trail beside the complaint table', () => {
    const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('audit-stateful-cdk-') });
    const stateful = new StatefulStack(app, 'Stateful', { config: parseStageConfig(stageByName('dev')) });
    const template = Template.fromStack(stateful);
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toHaveLength(2);
    template.hasOutput('AuditTableName', {});
    template.hasResourceProperties('AWS::S3::Bucket', { ObjectLockEnabled: true, BucketName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^cgw-dev-audit-')])] } });
    expect(nagFindings(stateful, [stateful.audit.node.path])).toEqual([]);
  });
});
