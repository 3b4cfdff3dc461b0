import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/adapters/events/eventbridge-publisher.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { STATISTICS_FUNCTIONS } from '../function-catalog.ts';
import { createCatalogFunction, type GatewayResources } from './catalog-function.ts';
import type { ChatChannel } from './chat-channel.ts';
import { DailyJob } from './daily-job.ts';
import { alarmOnDeadLetters } from './dead-letter-alarm.ts';
import type { GatewayFunction } from './gateway-function.ts';
import { acknowledge } from './nag.ts';

export interface StatisticsProps {
  readonly config: StageConfig;
  /** The complaint table, PII keys and Twilio secret (the survey's SMS), and the domain event bus. */
  readonly resources: GatewayResources & { readonly eventBus: IEventBus };
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Where the stage has chat, the survey asks chat citizens over it. */
  readonly chat?: ChatChannel;
}

/** Lambda's asynchronous retries after a failed invocation (the rule target's own retries come first). */
const ASYNC_RETRIES = 2;

/**
 * Statistics and the satisfaction survey (docs/operations/statistics.md): the API function (put
 * behind the staff API by its stack), the rollup function on every gateway event, the survey
 * function on every close, both with retries then a dead-letter queue that alarms, and the daily
 * reconciliation of yesterday (01:30 KST).
 */
export class Statistics extends Construct {
  readonly api: GatewayFunction;
  readonly rollup: GatewayFunction;
  readonly reconcile: GatewayFunction;
  readonly survey: GatewayFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StatisticsProps) {
    super(scope, id);
    const defaults = { config: props.config, logRetention: props.logRetention, logRemovalPolicy: props.logRemovalPolicy };
    this.api = createCatalogFunction(this, STATISTICS_FUNCTIONS.api, props.resources, defaults);
    // Every stage has the voice stack, whose daily job reads Connect's queue metrics.
    this.api.addEnvironment(ENV.statisticsVoiceMetrics, 'on');
    this.rollup = createCatalogFunction(this, STATISTICS_FUNCTIONS.rollup, props.resources, defaults);
    this.reconcile = createCatalogFunction(this, STATISTICS_FUNCTIONS.reconcile, props.resources, defaults);
    this.survey = createCatalogFunction(this, STATISTICS_FUNCTIONS.satisfactionSurvey, props.resources, defaults);
    props.chat?.grantManageConnections(this.survey);

    const key = new Key(this, 'DeadLetterKey', { description: `citizen-contact-gateway ${props.config.name}: statistics and survey dead letters`, enableKeyRotation: true });
    key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledge(this.deadLetterQueue, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the statistics and survey rule targets and their asynchronous invocations; it has no consumer to fail, and an alarm fires on its first message.');

    const target = (fn: GatewayFunction) => new LambdaFunction(fn.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 20, maxEventAge: Duration.hours(24) });
    new Rule(this, 'RollupRule', {
      description: 'Every gateway event refreshes the statistics rollups of the items it names',
      eventBus: props.resources.eventBus,
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [target(this.rollup)],
    });
    new Rule(this, 'SurveyRule', {
      description: 'A complaint closed: its citizen is asked once to rate it',
      eventBus: props.resources.eventBus,
      eventPattern: { source: [EVENT_SOURCE], detailType: ['complaint.status_changed'], detail: { to: ['closed'] } },
      targets: [target(this.survey)],
    });
    for (const [fn, name] of [[this.rollup, 'Rollup'], [this.survey, 'Survey']] as const) {
      new EventInvokeConfig(this, `${name}AsyncFailures`, { function: fn.function, retryAttempts: ASYNC_RETRIES, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) });
      const policy = fn.role.node.tryFindChild('DefaultPolicy');
      if (!policy) continue;
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(policy, `AwsSolutions-IAM5[Action::${action}]`, 'SqsDestination grants SendMessage on the statistics dead-letter queue with CDK grantSendMessages, whose key actions are these prefixes; the resource is the one key of that queue.');
      }
    }
    alarmOnDeadLetters(this, 'DeadLettersAlarm', this.deadLetterQueue, props.alarmTopic, `${props.config.name}: an event statistics or the satisfaction survey could not process (the daily reconciliation repairs the counts; a survey may be unasked)`);

    new DailyJob(this, 'Reconciliation', {
      function: this.reconcile.function,
      hour: 1,
      minute: 30,
      description: 'statistics reconciliation of yesterday (01:30 KST)',
      input: { source: 'statistics-reconcile-schedule' },
      stageName: props.config.name,
    });
  }
}
