import { Aws, Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ALL_AUDIT_GSIS, AUDIT_EVENT_LSI, AUDIT_INDEX_NAMES, AUDIT_TABLE_KEYS } from '../../functions/adapters/dynamodb/audit-table-definition.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { AUDIT_FUNCTIONS } from '../function-catalog.ts';
import { GatewayFunction, type LogLevel } from './gateway-function.ts';
import { acknowledgeWildcardResource } from './nag.ts';

/** PIPA safety standards, art. 8: access records kept at least two years. 731 days covers a leap year. */
export const AUDIT_RETENTION = Duration.days(731);

/** Derived, like the media bucket's, so consumers rebuild its ARN from pseudo parameters. */
export function auditDigestBucketName(stageName: string): string {
  return `cgw-${stageName}-audit-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** The only actions any function gets on the audit table: append (conditional put) and read. */
export const AUDIT_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'] as const;

export interface AuditTrailProps {
  readonly stageName: string;
  /** The stage's customer-managed key (the complaint table's). */
  readonly encryptionKey: IKey;
  /** Where the digest bucket's server access logs go (the media access-log bucket). */
  readonly accessLogBucket: IBucket;
}

/**
 * PIPA access records: the append-only audit table and the Object Lock bucket of its daily
 * digests (docs/adr/0018-audit-trail-hash-chains.md). Both are retained whatever the stage's
 * removal policy; the table has no TTL, so nothing expires. Functions get access only through the
 * grant helpers below: PutItem, GetItem and Query on the table, never UpdateItem, DeleteItem or
 * BatchWriteItem (tests/infra/audit-trail.test.ts reads the synthesized IAM to hold this).
 */
export class AuditTrail extends Construct {
  readonly table: Table;
  readonly digestBucket: Bucket;
  readonly indexNames: readonly string[] = AUDIT_INDEX_NAMES;
  private readonly stageName: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.stageName = props.stageName;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: AUDIT_TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addLocalSecondaryIndex({
      indexName: AUDIT_EVENT_LSI.indexName,
      sortKey: { name: AUDIT_EVENT_LSI.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    for (const gsi of ALL_AUDIT_GSIS) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // SSE-S3, not the stage key: digests hold no personal data, and their readability must not
    // hang on a key an administrator could schedule for deletion.
    this.digestBucket = new Bucket(this, 'Digests', {
      bucketName: auditDigestBucketName(props.stageName),
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(AUDIT_RETENTION),
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'audit-digests/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The digests' object ARN as a consumer stack rebuilds it (pseudo parameters, no cross-stack token). */
  private digestObjectsArn(): string {
    return `arn:${Aws.PARTITION}:s3:::${auditDigestBucketName(this.stageName)}/digests/*`;
  }

  /**
   * Append and read access records: PutItem (the store only puts with attribute_not_exists),
   * GetItem and Query on the table and each of its indexes by name; the key through DynamoDB only.
   * Sets AUDIT_TABLE_NAME.
   */
  grantAppend(fn: GatewayFunction): this {
    grantTable(fn, this.table, this.indexNames);
    return this;
  }

  /** PutObject with its own retention (PutObjectRetention), and GetObject to compare with a digest already there. */
  grantDigestWrite(fn: GatewayFunction): this {
    return this.grantDigests(fn, ['s3:PutObject', 's3:PutObjectRetention', 's3:GetObject']);
  }

  /** GetObject on the digests (verification). */
  grantDigestRead(fn: GatewayFunction): this {
    return this.grantDigests(fn, ['s3:GetObject']);
  }

  /** What the audit API needs: records (its own reads are recorded too) and digests to verify against. */
  bindAuditApi(fn: GatewayFunction): this {
    return this.grantAppend(fn).grantDigestRead(fn);
  }

  private grantDigests(fn: GatewayFunction, actions: string[]): this {
    const objects = this.digestObjectsArn();
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [objects] }));
    const policy = fn.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeWildcardResource(policy, objects, 'Object-level S3 actions need an object ARN; the grant covers the digests/ prefix of the one audit digest bucket, whose objects Object Lock keeps from being overwritten or deleted.');
    }
    fn.addEnvironment(ENV.auditDigestBucket, auditDigestBucketName(this.stageName));
    return this;
  }
}

function grantTable(fn: GatewayFunction, table: ITable, indexNames: readonly string[]): void {
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: [...AUDIT_TABLE_ACTIONS], resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)] }),
  );
  if (table.encryptionKey) {
    const stack = Stack.of(fn);
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [table.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
  }
  fn.addEnvironment(ENV.auditTableName, table.tableName);
}

export interface AuditDigestJobProps {
  readonly stageName: string;
  readonly trail: AuditTrail;
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
}

/**
 * The daily digest job: EventBridge Scheduler invokes it at 00:30 KST to seal yesterday's chains
 * (the half hour lets records of 23:59 land). Any failure, including chains that do not verify,
 * alarms: one missed seal is one day without a tamper-evident digest.
 */
export class AuditDigestJob extends Construct {
  readonly function: GatewayFunction;
  readonly schedule: Schedule;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AuditDigestJobProps) {
    super(scope, id);
    const definition = AUDIT_FUNCTIONS.digest;
    this.function = new GatewayFunction(this, 'Function', {
      entry: definition.entry,
      description: definition.description,
      serviceName: definition.name,
      memorySize: 1024,
      // Reads every record of the day once (about 150,000 at Seoul's volume): minutes, not seconds.
      timeout: Duration.minutes(10),
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel ?? 'INFO',
    });
    props.trail.grantAppend(this.function).grantDigestWrite(this.function);

    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `EventBridge Scheduler invoking the audit digest job (${props.stageName})`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Seal yesterday’s audit chains into the Object Lock bucket (00:30 KST)',
      schedule: ScheduleExpression.cron({ minute: '30', hour: '0', timeZone: TimeZone.ASIA_SEOUL }),
      target: new LambdaInvoke(this.function.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ source: 'audit-digest-schedule' }),
        // Sealing converges (an identical digest is kept), so a retry is safe.
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      }),
    });
    const schedulerPolicy = schedulerRole.node.tryFindChild('DefaultPolicy');
    if (schedulerPolicy) {
      acknowledgeWildcardResource(schedulerPolicy, `${this.function.function.functionArn}:*`, 'Function.grantInvoke also names the qualified ARNs (versions/aliases) of this one function; the role can invoke nothing else.');
    }

    this.errorAlarm = new Alarm(this, 'Errors', {
      alarmDescription: `${props.stageName}: the audit digest job failed or found records that do not verify; GET /api/audit/verify?day=<yesterday> names them (docs/operations/auditing.md).`,
      metric: this.function.function.metricErrors({ statistic: 'Sum', period: Duration.hours(6) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
