import { Aws, Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { curatedPrefix } from '../../functions/adapters/export/s3-row-sink.ts';
import { EXPORT_TABLES, versionColumns } from '../../functions/core/export/export-tables.ts';
import { ANALYTICS_ENV } from '../../functions/wiring/analytics-env-names.ts';
import { ANALYTICS_FUNCTIONS } from '../function-catalog.ts';
import { GatewayFunction, type LogLevel } from './gateway-function.ts';
import { acknowledgeWildcardResource } from './nag.ts';

/** Athena cancels an auditor's query past this many bytes scanned (a runaway query costs $5/TB). */
export const BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;
/** Prefix of Athena's query results in the analytics bucket. */
export const RESULTS_PREFIX = 'athena-results/';
/** Raw exports are only kept until the job has masked them (and a week to re-run it). */
export const RAW_EXPORT_DAYS = 14;

/** Glue and Athena names take no hyphens unquoted. */
export const analyticsDatabaseName = (stageName: string): string => `cgw_${stageName.replaceAll('-', '_')}_audit`;
export const auditorWorkGroupName = (stageName: string): string => `cgw-${stageName}-auditors`;
/** Derived, like the media and audit buckets', so the job's stack rebuilds their ARNs from pseudo parameters. */
export const exportBucketName = (stageName: string): string => `cgw-${stageName}-exports-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
export const analyticsBucketName = (stageName: string): string => `cgw-${stageName}-analytics-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
const bucketArn = (name: string): string => `arn:${Aws.PARTITION}:s3:::${name}`;

export interface AnalyticsProps {
  readonly stageName: string;
  /** The stage key: raw exports hold what the tables hold and are encrypted like them. */
  readonly dataKey: IKey;
  readonly accessLogBucket: IBucket;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * SQL over the complaint table and the audit trail for auditors (docs/adr/0021-sql-over-exports.md):
 * - the export bucket: DynamoDB's raw point-in-time exports (stage key; only the export job reads it);
 * - the analytics bucket: the masked rows (`curated/<versions table>/`) and Athena's results
 *   (`athena-results/`), under a key of its own, so reading it never opens the table's data;
 * - the Glue database with one JSON table per versions table (the entity views are created by the
 *   job, in Athena, from the same SQL DuckDB runs locally);
 * - the auditors' workgroup, whose settings override the client's: results encrypted SSE-KMS;
 * - AuditorAnalyticsPolicy: the only grant of the workgroup, the catalog and the masked rows.
 */
export class Analytics extends Construct {
  readonly analyticsKey: Key;
  readonly exportBucket: Bucket;
  readonly analyticsBucket: Bucket;
  readonly database: CfnDatabase;
  readonly databaseName: string;
  readonly workGroup: CfnWorkGroup;
  readonly auditorPolicy: ManagedPolicy;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.databaseName = analyticsDatabaseName(props.stageName);
    this.stageName = props.stageName;

    this.analyticsKey = new Key(this, 'Key', {
      description: `citizen-contact-gateway ${props.stageName}: masked analytics rows and Athena results`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });

    this.exportBucket = new Bucket(this, 'Exports', {
      bucketName: exportBucketName(props.stageName),
      encryption: BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'analytics-exports/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: false,
      lifecycleRules: [
        { id: 'expire-raw-exports', prefix: 'exports/', expiration: Duration.days(RAW_EXPORT_DAYS) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.analyticsBucket = new Bucket(this, 'Analytics', {
      bucketName: analyticsBucketName(props.stageName),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.analyticsKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'analytics/',
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        { id: 'expire-query-results', prefix: RESULTS_PREFIX, expiration: Duration.days(30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'Masked exports of the complaint table and the audit trail, for auditors (docs/operations/auditing.md#sql)' },
    });
    for (const table of EXPORT_TABLES) {
      const glueTable = new CfnTable(this, `Table-${table.versions}`, {
        catalogId: stack.account,
        databaseName: this.databaseName,
        tableInput: {
          name: table.versions,
          description: `Every exported version of ${table.description}; the view ${table.view} keeps the newest`,
          tableType: 'EXTERNAL_TABLE',
          parameters: { classification: 'json', EXTERNAL: 'TRUE' },
          storageDescriptor: {
            location: `s3://${analyticsBucketName(props.stageName)}/${curatedPrefix(table)}`,
            inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
            serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
            columns: versionColumns(table).map((column) => ({ name: column.name, type: column.type, comment: column.comment })),
          },
        },
      });
      glueTable.node.addDependency(this.database);
    }

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: auditorWorkGroupName(props.stageName),
      description: 'Auditors: SQL over the masked exports; results encrypted with the analytics key',
      state: 'ENABLED',
      recursiveDeleteOption: props.removalPolicy === RemovalPolicy.DESTROY,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: `s3://${analyticsBucketName(props.stageName)}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.analyticsKey.keyArn },
        },
      },
    });

    this.auditorPolicy = new ManagedPolicy(this, 'AuditorAnalyticsPolicy', {
      description: `${props.stageName}: auditors' SQL over the masked exports (Athena workgroup ${auditorWorkGroupName(props.stageName)}, Glue database ${this.databaseName})`,
      statements: this.queryStatements(['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:ListQueryExecutions', 'athena:BatchGetQueryExecution', 'athena:GetWorkGroup'], ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions']),
    });
    acknowledgeWildcards(this.auditorPolicy, this, "the auditors' workgroup reads");
  }

  /** ARNs from names and pseudo parameters only, so they mean the same in the job's stack. */
  get workGroupArn(): string {
    return `arn:${Aws.PARTITION}:athena:${Aws.REGION}:${Aws.ACCOUNT_ID}:workgroup/${auditorWorkGroupName(this.stageName)}`;
  }

  /** Glue ARNs of the catalog, the database and its tables (views included). */
  glueArns(): string[] {
    const glue = `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    return [`${glue}:catalog`, `${glue}:database/${this.databaseName}`, `${glue}:table/${this.databaseName}/*`];
  }

  analyticsObjects(pattern: string): string {
    return `${bucketArn(analyticsBucketName(this.stageName))}/${pattern}`;
  }

  exportObjects(pattern: string): string {
    return `${bucketArn(exportBucketName(this.stageName))}/${pattern}`;
  }

  /**
   * What running queries in the workgroup takes: Athena on the workgroup, Glue reads (plus
   * `glueActions`), the masked rows, the results prefix, and the analytics key through S3.
   */
  queryStatements(athenaActions: readonly string[], glueActions: readonly string[]): PolicyStatement[] {
    return [
      new PolicyStatement({ actions: [...athenaActions], resources: [this.workGroupArn] }),
      new PolicyStatement({ actions: [...glueActions], resources: this.glueArns() }),
      new PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [bucketArn(analyticsBucketName(this.stageName))] }),
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.analyticsObjects('curated/*')] }),
      new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], resources: [this.analyticsObjects(`${RESULTS_PREFIX}*`)] }),
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [this.analyticsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    ];
  }
}

/** Acknowledges the object and table wildcards every query principal holds. */
function acknowledgeWildcards(policy: Construct, analytics: Analytics, who: string): void {
  acknowledgeWildcardResource(policy, analytics.analyticsObjects('curated/*'), `${who} every object of the masked rows (curated/), one object per export batch; nothing else of the bucket.`);
  acknowledgeWildcardResource(policy, analytics.analyticsObjects(`${RESULTS_PREFIX}*`), `${who} and write Athena's results, one object per query under athena-results/ (the workgroup's enforced location).`);
  acknowledgeWildcardResource(policy, analytics.glueArns()[2]!, `${who} the tables and views of the one analytics database, whose names the exports define.`);
}

export interface AnalyticsExportJobProps {
  readonly stageName: string;
  readonly analytics: Analytics;
  readonly complaintTable: ITable;
  readonly auditTable: ITable;
  readonly dataKey: IKey;
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
}

/**
 * The hourly export job: starts each ended KST day's export of both tables (PITR exports, no read
 * capacity used), masks completed ones into the analytics bucket and keeps the auditor views.
 * Failure alarms: a missing day is a hole in what auditors see.
 */
export class AnalyticsExportJob extends Construct {
  readonly function: GatewayFunction;
  readonly schedule: Schedule;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AnalyticsExportJobProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { analytics } = props;
    const definition = ANALYTICS_FUNCTIONS.export;
    this.function = new GatewayFunction(this, 'Function', {
      entry: definition.entry,
      description: definition.description,
      serviceName: definition.name,
      memorySize: 1024,
      // A day's changes (about 150,000 items at Seoul's volume) stream through in minutes.
      timeout: Duration.minutes(15),
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel ?? 'INFO',
    });
    const role = this.function.role;
    // Export ARNs are `<table ARN>/export/<id>`; built from pseudo parameters (the tables are in another stack).
    const tableExports = `arn:${Aws.PARTITION}:dynamodb:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/*/export/*`;
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:ExportTableToPointInTime'], resources: [props.complaintTable.tableArn, props.auditTable.tableArn] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:DescribeExport'], resources: [tableExports] }));
    // DynamoDB writes the export with the caller's S3 and KMS permissions.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:PutObjectAcl', 's3:GetObject'], resources: [analytics.exportObjects('*')] }));
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [props.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );
    for (const statement of analytics.queryStatements(['athena:StartQueryExecution', 'athena:GetQueryExecution'], ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable'])) role.addToPrincipalPolicy(statement);
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [analytics.analyticsObjects('curated/*')] }));
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [analytics.analyticsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );
    this.function
      .addEnvironment(ANALYTICS_ENV.complaintTableArn, props.complaintTable.tableArn)
      .addEnvironment(ANALYTICS_ENV.auditTableArn, props.auditTable.tableArn)
      .addEnvironment(ANALYTICS_ENV.exportBucket, exportBucketName(props.stageName))
      .addEnvironment(ANALYTICS_ENV.exportKeyArn, props.dataKey.keyArn)
      .addEnvironment(ANALYTICS_ENV.analyticsBucket, analyticsBucketName(props.stageName))
      .addEnvironment(ANALYTICS_ENV.glueDatabase, analytics.databaseName)
      .addEnvironment(ANALYTICS_ENV.athenaWorkGroup, auditorWorkGroupName(props.stageName));
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeWildcards(policy, analytics, 'the export job creates the views over');
      acknowledgeWildcardResource(policy, analytics.exportObjects('*'), 'DynamoDB writes each export under a prefix and export id it chooses, and the job reads its manifests and data files and writes its markers: the one export bucket, which nobody else is granted.');
      acknowledgeWildcardResource(policy, tableExports, 'DescribeExport only (read-only status of an export); export ARNs end in an id DynamoDB assigns, and the tables live in the stateful stack, so the ARN is built from pseudo parameters.');
    }

    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `EventBridge Scheduler invoking the analytics export job (${props.stageName})`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Start the ended KST day’s table exports and mask completed ones for Athena (hourly)',
      schedule: ScheduleExpression.cron({ minute: '15', hour: '*', timeZone: TimeZone.ASIA_SEOUL }),
      target: new LambdaInvoke(this.function.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ source: 'analytics-export-schedule' }),
        // Every step is idempotent (client tokens, markers, deterministic object names).
        retryAttempts: 1,
        maxEventAge: Duration.minutes(50),
      }),
    });
    const schedulerPolicy = schedulerRole.node.tryFindChild('DefaultPolicy');
    if (schedulerPolicy) {
      acknowledgeWildcardResource(schedulerPolicy, `${this.function.function.functionArn}:*`, 'Function.grantInvoke also names the qualified ARNs (versions/aliases) of this one function; the role can invoke nothing else.');
    }

    this.errorAlarm = new Alarm(this, 'Errors', {
      alarmDescription: `${props.stageName}: the analytics export job failed (an export failed, or masking it did); its log names the export (docs/operations/auditing.md#sql).`,
      metric: this.function.function.metricErrors({ statistic: 'Sum', period: Duration.hours(3) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}

