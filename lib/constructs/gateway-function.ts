import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, type IGrantable, type IPrincipal, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/wiring/env-names.ts';
import { BUNDLE_FILE_NAME, REPO_ROOT } from './gateway-function-bundling.ts';
import { bundledHandlerDir } from './lambda-bundles.ts';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';

export { REPO_ROOT };

export type TableAccess = 'read' | 'readWrite';
export type BucketAccess = 'read' | 'write' | 'readWrite';
/** Under one key prefix: 'read' is GetObject; 'readWrite' adds PutObject and PutObjectTagging (marking superseded objects). */
export type PrefixAccess = 'read' | 'readWrite';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface GatewayFunctionProps {
  /** Handler file, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name (log and trace grouping). */
  readonly serviceName: string;
  readonly logRetention: RetentionDays;
  /** For the log group; functions themselves are stateless. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** @default 512: arm64 CPU scales with memory; 512 MB keeps cold starts of a bundled SDK short. */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  readonly environment?: Readonly<Record<string, string>>;
}

// DynamoDB actions the repository uses; no Scan (every access pattern has a key or an index).
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The one way a Lambda is made here: Node.js 22 on arm64, ESM bundle with the SDK inside,
 * minified with source maps, its own log group with retention, X-Ray active, a role with no
 * managed policy. The bind* methods grant least privilege and set the environment variable the
 * wiring reads (functions/wiring/env-names.ts), so a grant and its configuration never drift.
 */
export class GatewayFunction extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly grantPrincipal: IPrincipal;
  private translatePolicy?: Policy;

  constructor(scope: Construct, id: string, props: GatewayFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole: writing to this function's own
    // log group is all it needs, not CreateLogGroup on every group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}`,
    });
    this.grantPrincipal = this.role;
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      // Bundled by scripts/bundle-lambdas.ts (esbuild with the gateway's options and plugins).
      code: Code.fromAsset(bundledHandlerDir(props.entry)),
      handler: `${BUNDLE_FILE_NAME.replace(/\.mjs$/, '')}.handler`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        [ENV.logLevel]: props.logLevel ?? 'INFO',
        ...props.environment,
      },
    });

    // Tracing.ACTIVE put the X-Ray statement in the role's default policy.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      acknowledge(
        defaultPolicy,
        'AwsSolutions-IAM5[Resource::*]',
        'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; this default policy holds no other "*" resource (translate has its own policy).',
      );
    }
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the gateway is built, tested and benchmarked on (ADR 0003); moving to a newer runtime is a deliberate change, not a drift.',
    );
  }

  get functionName(): string {
    return this.function.functionName;
  }

  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /** Table and its three GSIs (listed by ARN, no `index/*`), plus the table key through DynamoDB. */
  bindTable(table: ITable, access: TableAccess, indexNames: readonly string[]): this {
    const actions = access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions,
        resources: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    if (table.encryptionKey) {
      this.allowKeyVia(
        table.encryptionKey,
        'dynamodb',
        access === 'read' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      );
    }
    return this.addEnvironment(ENV.tableName, table.tableName);
  }

  /**
   * These actions on the table's items whose partition key is one of `leadingKeys` (a trailing
   * `*` matches a prefix), never its indexes: DynamoDB fine-grained access control
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
   */
  bindTablePartitions(table: ITable, actions: readonly string[], leadingKeys: readonly string[]): this {
    const operator = leadingKeys.some((key) => key.includes('*')) ? 'ForAllValues:StringLike' : 'ForAllValues:StringEquals';
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [table.tableArn], conditions: { [operator]: { 'dynamodb:LeadingKeys': [...leadingKeys] } } }),
    );
    const writes = actions.some((action) => TABLE_WRITE_ACTIONS.includes(action));
    if (table.encryptionKey) this.allowKeyVia(table.encryptionKey, 'dynamodb', writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey']);
    return this.addEnvironment(ENV.tableName, table.tableName);
  }

  /**
   * Reads the table, and writes (PutItem, UpdateItem) only items whose partition key starts with
   * one of `partitionPrefixes` (dynamodb:LeadingKeys): for a public function whose only writes are
   * its own counters. Sets TABLE_NAME.
   */
  bindTableWritesOnly(table: ITable, indexNames: readonly string[], partitionPrefixes: readonly string[]): this {
    this.bindTable(table, 'read', indexNames);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitionPrefixes.map((prefix) => `${prefix}*`) } },
      }),
    );
    if (table.encryptionKey) this.allowKeyVia(table.encryptionKey, 'dynamodb', ['kms:Encrypt', 'kms:GenerateDataKey']);
    return this;
  }

  /** Send only (SendMessage covers SendMessageBatch). */
  bindQueue(queue: IQueue, envName: string = ENV.intakeQueueUrl): this {
    this.allowSendTo(queue);
    return this.addEnvironment(envName, queue.queueUrl);
  }

  /** SendMessage without an environment variable (e.g. a failure destination Lambda itself writes to). */
  allowSendTo(queue: IQueue): this {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    if (queue.encryptionMasterKey) {
      this.allowKeyVia(queue.encryptionMasterKey, 'sqs', ['kms:GenerateDataKey', 'kms:Decrypt']);
    }
    return this;
  }

  /** Objects only: 'write' is PutObject (media from MMS), 'read' is GetObject (presigned links), 'readWrite' both (Open311 uploads). */
  bindBucket(bucket: IBucket, access: BucketAccess, envName: string = ENV.mediaBucket): this {
    const writes = ['s3:PutObject', 's3:AbortMultipartUpload'];
    const actions = access === 'read' ? ['s3:GetObject'] : access === 'write' ? writes : ['s3:GetObject', ...writes];
    const objects = bucket.arnForObjects('*');
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [objects] }));
    acknowledgeWildcardResource(
      this.defaultPolicy(),
      objects,
      'Object-level S3 actions need an object ARN; object keys are generated per message, so the grant covers the objects of this one bucket (no bucket-level or other-bucket access).',
    );
    if (bucket.encryptionKey) {
      // S3 calls GenerateDataKey to write and Decrypt to read (and to complete multipart uploads).
      this.allowKeyVia(bucket.encryptionKey, 's3', access === 'read' ? ['kms:Decrypt'] : ['kms:GenerateDataKey', 'kms:Decrypt']);
    }
    return this.addEnvironment(envName, bucket.bucketName);
  }

  /** Objects under one key prefix of a bucket only (the knowledge index in the media bucket). */
  bindBucketPrefix(bucket: IBucket, prefix: string, access: PrefixAccess, envName: string): this {
    const actions = access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'];
    const objects = bucket.arnForObjects(`${prefix}*`);
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [objects] }));
    acknowledgeWildcardResource(
      this.defaultPolicy(),
      objects,
      `Object keys under ${prefix} are generated per build; the grant covers that prefix of this one bucket only (no other objects, no bucket-level or delete access).`,
    );
    if (bucket.encryptionKey) this.allowKeyVia(bucket.encryptionKey, 's3', access === 'read' ? ['kms:Decrypt'] : ['kms:GenerateDataKey', 'kms:Decrypt']);
    return this.addEnvironment(envName, bucket.bucketName);
  }

  /** GetSecretValue on this one secret (and Decrypt of its key through Secrets Manager). */
  bindSecret(secret: ISecret, envName: string): this {
    // Not secret.grantRead: with a customer-managed key in another stack it writes this role into
    // the key policy, a stateful -> stateless reference that makes the stacks cyclic.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    if (secret.encryptionKey) this.allowKeyVia(secret.encryptionKey, 'secretsmanager', ['kms:Decrypt']);
    return this.addEnvironment(envName, secret.secretArn);
  }

  bindEventBus(bus: IEventBus): this {
    bus.grantPutEventsTo(this.role);
    return this.addEnvironment(ENV.eventBusName, bus.eventBusName);
  }

  /** translate:TranslateText has no resource type to scope to: the only `*` resource we grant. */
  allowTranslateText(): this {
    if (this.translatePolicy) return this;
    this.translatePolicy = new Policy(this, 'TranslatePolicy', {
      statements: [new PolicyStatement({ actions: ['translate:TranslateText'], resources: ['*'] })],
    });
    this.translatePolicy.attachToRole(this.role);
    acknowledge(
      this.translatePolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'translate:TranslateText defines no resource type in IAM (only optional terminologies, which we do not use), so it can only be granted on "*". The policy holds this one action.',
    );
    return this;
  }

  /**
   * End User Messaging SendTextMessage from one origination identity, and with one configuration
   * set when given: the configuration set a request names is a resource of the action too
   * (Service Authorization Reference, sms-voice), so it is granted by ARN beside the identity.
   */
  allowSendSms(originationIdentityArn: string, configurationSetName?: string): this {
    const stack = Stack.of(this);
    const configurationSet = configurationSetName
      ? [stack.formatArn({ service: 'sms-voice', resource: 'configuration-set', resourceName: configurationSetName })]
      : [];
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [originationIdentityArn, ...configurationSet] }),
    );
    if (configurationSetName) this.addEnvironment(ENV.smsConfigurationSet, configurationSetName);
    return this.addEnvironment(ENV.smsOriginationIdentity, originationIdentityArn);
  }

  /** The role's default policy, which exists once a first statement was added (tracing adds one). */
  private defaultPolicy(): Construct {
    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (!(policy instanceof Construct)) throw new Error(`${this.node.path}: the role has no default policy yet`);
    return policy;
  }

  private allowKeyVia(key: IKey, service: string, actions: string[]): void {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions,
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
  }
}
