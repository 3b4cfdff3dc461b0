import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TABLES, versionColumns } from '../../functions/core/export/export-tables.ts';
import { Analytics, AnalyticsExportJob, BYTES_SCANNED_CUTOFF } from '../../lib/constructs/analytics.ts';
import { cdkJsonContext } from '../../lib/gateway-app.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';
import { nagFindings } from '../support/nag-findings.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

interface Built {
  stateful: Stack;
  jobStack: Stack;
  stateTemplate: Template;
  jobTemplate: Template;
  analytics: Analytics;
}

/** The analytics resources in a stateful stack and the export job in another, as the stage deploys them. */
function build(): Built {
  const app = new App({ context: cdkJsonContext(), outdir: cdkOutdir('analytics-cdk-') });
  const env = { account: '111122223333', region: 'ap-northeast-2' };
  const stateful = new Stack(app, 'AnalyticsStateful', { env });
  const dataKey = new Key(stateful, 'DataKey', { enableKeyRotation: true });
  const accessLogs = new Bucket(stateful, 'AccessLogs', { encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED, versioned: true });
  const table = (id: string) =>
    new Table(stateful, id, { partitionKey: { name: 'pk', type: AttributeType.STRING }, sortKey: { name: 'sk', type: AttributeType.STRING }, encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: dataKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, deletionProtection: true });
  const complaints = table('Complaints');
  const audit = table('Audit');
  const analytics = new Analytics(stateful, 'Analytics', { stageName: 'test', dataKey, accessLogBucket: accessLogs, removalPolicy: RemovalPolicy.RETAIN });
  const jobStack = new Stack(app, 'AnalyticsJob', { env });
  const topic = new Topic(jobStack, 'Alarms', { enforceSSL: true, masterKey: new Key(jobStack, 'TopicKey', { enableKeyRotation: true }) });
  new AnalyticsExportJob(jobStack, 'AnalyticsExport', { stageName: 'test', analytics, complaintTable: complaints, auditTable: audit, dataKey, alarmTopic: topic, logRetention: RetentionDays.ONE_MONTH, logRemovalPolicy: RemovalPolicy.DESTROY });
  return { stateful, jobStack, stateTemplate: Template.fromStack(stateful), jobTemplate: Template.fromStack(jobStack), analytics };
}

/** Every allowed statement of every identity policy in a template, with where it is. */
function statements(template: Template): Array<{ where: string; statement: Statement }> {
  const found: Array<{ where: string; statement: Statement }> = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [id, resource] of Object.entries(template.findResources(type))) {
      const document = (resource as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument;
      for (const statement of document.Statement) if (statement.Effect === 'Allow') found.push({ where: id, statement });
    }
  }
  return found;
}

describe('Analytics (auditors’ SQL in AWS)', () => {
  let built: Built;
  beforeAll(() => {
    built = build();
  });

  it('enforces the workgroup settings: results SSE-KMS with the analytics key, a scan cutoff, metrics', () => {
    built.stateTemplate.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'cgw-test-auditors',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalyticsKey'), 'Arn'] } },
          OutputLocation: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('analytics-')])]) }),
        },
      },
    });
  });

  it('encrypts both buckets with KMS (raw exports with the stage key), refuses plain HTTP, logs access, and expires raw exports and results', () => {
    const buckets = built.stateTemplate.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } });
    const byName = (part: string) => Object.values(buckets).find((bucket) => JSON.stringify(bucket).includes(part)) as { Properties: Record<string, unknown> };
    const raw = byName('-exports-');
    const masked = byName('-analytics-');
    expect(JSON.stringify(raw.Properties.BucketEncryption)).toContain('DataKey');
    expect(JSON.stringify(masked.Properties.BucketEncryption)).toContain('AnalyticsKey');
    for (const bucket of [raw, masked]) {
      expect(bucket.Properties.LoggingConfiguration).toBeDefined();
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    }
    expect(JSON.stringify(raw.Properties.LifecycleConfiguration)).toContain('"Prefix":"exports/"');
    expect(JSON.stringify(masked.Properties.LifecycleConfiguration)).toContain('"Prefix":"athena-results/"');
    const sslOnly = Object.values(built.stateTemplate.findResources('AWS::S3::BucketPolicy')).filter((policy) => JSON.stringify(policy).includes('"aws:SecureTransport":"false"'));
    expect(sslOnly.length).toBeGreaterThanOrEqual(2);
  });

  it('catalogs one JSON table per versions table with exactly the schema’s columns, over its curated prefix', () => {
    const tables = Object.values(built.stateTemplate.findResources('AWS::Glue::Table')).map((resource) => (resource as { Properties: { DatabaseName: string; TableInput: { Name: string; StorageDescriptor: { Columns: Array<{ Name: string; Type: string }>; SerdeInfo: { SerializationLibrary: string }; Location: unknown } } } }).Properties);
    expect(tables.map((table) => table.TableInput.Name).sort()).toEqual(EXPORT_TABLES.map((table) => table.versions).sort());
    for (const exportTable of EXPORT_TABLES) {
      const glue = tables.find((table) => table.TableInput.Name === exportTable.versions)!;
      expect(glue.DatabaseName).toBe('cgw_test_audit');
      expect(glue.TableInput.StorageDescriptor.Columns.map((column) => [column.Name, column.Type])).toEqual(versionColumns(exportTable).map((column) => [column.name, column.type]));
      expect(glue.TableInput.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
      expect(JSON.stringify(glue.TableInput.StorageDescriptor.Location)).toContain(`/curated/${exportTable.versions}/`);
    }
  });

  it('gives the auditor policy the workgroup, the catalog and the masked rows, and nothing of the raw exports or the stage key', () => {
    const auditor = statements(built.stateTemplate).filter(({ where }) => where.startsWith('AnalyticsAuditorAnalyticsPolicy'));
    const text = JSON.stringify(auditor);
    expect(text).toContain('workgroup/cgw-test-auditors');
    expect(text).toContain('/curated/*');
    expect(text).not.toContain('-exports-');
    expect(text).not.toMatch(/"DataKey[0-9A-F]{8}"/);
    expect(text).not.toMatch(/dynamodb:/);
    const actions = auditor.flatMap(({ statement }) => asArray(statement.Action));
    expect(actions).not.toContain('s3:PutObject*');
    expect(actions.filter((action) => action.startsWith('glue:')).sort()).toEqual(['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables']);
  });

  it('lets only the export job read the raw exports (no other role in either stack names the export bucket)', () => {
    const naming = [...statements(built.stateTemplate), ...statements(built.jobTemplate)].filter(({ statement }) => JSON.stringify(statement.Resource).includes('-exports-'));
    expect(new Set(naming.map(({ where }) => where.replace(/[0-9A-F]{8}$/, '')))).toEqual(new Set(['AnalyticsExportFunctionRoleDefaultPolicy']));
  });

  it('schedules the job hourly in KST and alarms on its errors', () => {
    built.jobTemplate.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(15 * * * ? *)', ScheduleExpressionTimezone: 'Asia/Seoul' });
    built.jobTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 1 });
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(built.stateful)).toEqual([]);
    expect(nagFindings(built.jobStack)).toEqual([]);
  });
});
