import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { AnalyticsExportJob } from '../constructs/analytics.ts';
import { AuditDigestJob } from '../constructs/audit-trail.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import { createCatalogFunction, publicHolidaysValue } from '../constructs/catalog-function.ts';
import { OverdueComplaintsAlarm } from '../constructs/overdue-complaints-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { GATEWAY_FUNCTIONS } from '../function-catalog.ts';
import { functionDefaultsOf, logRetentionOf, removalPolicyOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface IntakeStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
}

/** Poison messages stop being retried after this many receives and land in the DLQ. */
export const MAX_RECEIVE_COUNT = 5;
/** SQS' advice for Lambda consumers: a visibility timeout of six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * The spine every channel feeds: the intake queue (with its DLQ and alarm), the pipeline that
 * stores contacts, the domain event bus, and the operations alarm topic later channels reuse.
 */
export class IntakeStack extends Stack {
  readonly intakeKey: Key;
  readonly intakeQueue: Queue;
  readonly deadLetterQueue: Queue;
  readonly eventBus: EventBus;
  readonly alarmTopic: Topic;
  readonly pipeline: GatewayFunction;
  /** Seals yesterday's audit chains daily; alarms to the operations topic. */
  readonly auditDigest: AuditDigestJob;
  /** Exports both tables daily and masks them for the auditors' Athena tables; alarms to the operations topic. */
  readonly analyticsExport: AnalyticsExportJob;

  constructor(scope: Construct, id: string, props: IntakeStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const definition = GATEWAY_FUNCTIONS.intakePipeline;

    this.intakeKey = new Key(this, 'IntakeKey', {
      description: `citizen-contact-gateway ${config.name}: intake queues and alarm topic`,
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to the KMS-encrypted alarm topic.
    this.intakeKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');

    this.deadLetterQueue = new Queue(this, 'IntakeDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.intakeKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.intakeQueue = new Queue(this, 'IntakeQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.intakeKey,
      // Reuse of the data key for 5 minutes: one KMS call per batch rather than per message.
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(definition.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    this.eventBus = new EventBus(this, 'DomainEvents', {
      description: `citizen-contact-gateway ${config.name}: complaint and message domain events`,
    });

    this.alarmTopic = new Topic(this, 'OperationsAlarms', {
      displayName: `citizen-contact-gateway ${config.name} alarms`,
      masterKey: this.intakeKey,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    this.pipeline = createCatalogFunction(
      this,
      definition,
      {
        table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
        intakeQueue: this.intakeQueue,
        mediaBucket: stateful.importMediaBucket(this),
        piiSecret: stateful.secrets.piiKeys,
        twilioSecret: stateful.secrets.twilio,
        eventBus: this.eventBus,
      },
      functionDefaultsOf(config),
    );
    if (config.mediaAllowedOrigins.length > 0) this.pipeline.addEnvironment(ENV.mediaAllowedOrigins, config.mediaAllowedOrigins.join(','));
    const open311Origins = config.open311?.mediaAllowedOrigins ?? [];
    if (open311Origins.length > 0) this.pipeline.addEnvironment(ENV.open311MediaAllowedOrigins, open311Origins.join(','));
    this.pipeline.function.addEventSource(
      new SqsEventSource(this.intakeQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        // Bounds the write rate on the table and Translate when a backlog drains.
        maxConcurrency: 10,
      }),
    );

    alarmOnDeadLetters(
      this,
      'IntakeDeadLettersAlarm',
      this.deadLetterQueue,
      this.alarmTopic,
      `${config.name}: contacts the pipeline could not store after ${MAX_RECEIVE_COUNT} receives (intake DLQ)`,
    );

    new OverdueComplaintsAlarm(this, 'OverdueComplaints', {
      stageName: config.name,
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      publicHolidays: publicHolidaysValue(config),
      alarmTopic: this.alarmTopic,
      logRetention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });

    this.auditDigest = new AuditDigestJob(this, 'AuditDigest', {
      stageName: config.name,
      trail: stateful.audit,
      alarmTopic: this.alarmTopic,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      logLevel: config.production ? 'INFO' : 'DEBUG',
    });

    this.analyticsExport = new AnalyticsExportJob(this, 'AnalyticsExport', {
      stageName: config.name,
      analytics: stateful.analytics,
      complaintTable: stateful.complaints.table,
      auditTable: stateful.audit.table,
      dataKey: stateful.dataKey,
      alarmTopic: this.alarmTopic,
      logRetention: logRetentionOf(config),
      logRemovalPolicy: removalPolicyOf(config),
      logLevel: config.production ? 'INFO' : 'DEBUG',
    });

    new CfnOutput(this, 'IntakeQueueUrl', { value: this.intakeQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
  }

}
