import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/adapters/events/eventbridge-publisher.ts';
import { NOTICE_EVENT_TYPES, type NoticeSweepJob } from '../../schemas/notice-events.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { ChatChannel } from '../constructs/chat-channel.ts';
import { createCatalogFunction, type GatewayResources } from '../constructs/catalog-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import type { GatewayFunction } from '../constructs/gateway-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { NOTICE_FUNCTIONS } from '../function-catalog.ts';
import type { IntakeStack } from './intake-stack.ts';
import { functionDefaultsOf } from './stage-defaults.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface NoticesStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly intake: IntakeStack;
  /** Set when the stage has the chat channel: chat citizens' notices are pushed to them. */
  readonly chat?: ChatChannel;
}

/**
 * When the sweeper runs. EventBridge rule schedules are in UTC: every quarter hour on the quarter
 * (so 08:00 KST, the end of quiet hours, is a run), and the progress job at 01:00 UTC = 10:00 KST.
 */
export const NOTICE_SCHEDULES: Readonly<Record<NoticeSweepJob, { minute: string; hour?: string; description: string }>> = {
  deliver: { minute: '0/15', description: 'Send status notices held over quiet hours (21:00-08:00 KST) or left failed' },
  progress: { minute: '0', hour: '1', description: 'Plan progress notices for complaints open 30, 60, ... days (10:00 KST)' },
};

/**
 * Status notices (docs/channels/notices.md): the notice function on the gateway event bus (status
 * changes, deadline extensions, status keywords texted in), the sweeper on two schedules, and the
 * dead-letter queue and alarms that keep a failing notice from going unnoticed.
 */
export class NoticesStack extends Stack {
  readonly noticeEvents: GatewayFunction;
  readonly sweeper: GatewayFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: NoticesStackProps) {
    super(scope, id, props);
    const { config, stateful, intake } = props;
    const resources: GatewayResources = {
      table: { table: stateful.complaints.table, indexNames: stateful.complaints.indexNames },
      piiSecret: stateful.secrets.piiKeys,
      twilioSecret: stateful.secrets.twilio,
      audit: stateful.audit,
    };
    const defaults = functionDefaultsOf(config);
    this.noticeEvents = createCatalogFunction(this, NOTICE_FUNCTIONS.noticeEvents, resources, defaults);
    this.sweeper = createCatalogFunction(this, NOTICE_FUNCTIONS.noticeSweeper, resources, defaults);
    for (const fn of [this.noticeEvents, this.sweeper]) props.chat?.grantManageConnections(fn);

    const key = new Key(this, 'NoticesKey', { description: `citizen-contact-gateway ${config.name}: status notice dead letters`, enableKeyRotation: true });
    key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.deadLetterQueue = new Queue(this, 'NoticeDeadLetters', { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the notice rule target and its asynchronous invocations; it has no consumer to fail, and an alarm fires on its first message.',
    );

    // Events arrive at least once; the outbox makes repeats harmless, so EventBridge and Lambda may retry freely.
    new Rule(this, 'NoticeEventsRule', {
      description: 'Status changes, deadline extensions and status keywords that owe a citizen a notice',
      eventBus: intake.eventBus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...NOTICE_EVENT_TYPES] },
      targets: [new LambdaFunction(this.noticeEvents.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 20, maxEventAge: Duration.hours(24) })],
    });
    new EventInvokeConfig(this, 'NoticeEventsAsyncFailures', {
      function: this.noticeEvents.function,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    const policy = this.noticeEvents.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Action::${action}]`,
          'SqsDestination grants SendMessage on the notice dead-letter queue with CDK grantSendMessages, whose key actions are these prefixes; the resource is the one notices key, used only by that queue.',
        );
      }
    }

    // A failed sweep is redone from the table by the next one: no asynchronous retries.
    new EventInvokeConfig(this, 'SweeperNoAsyncRetries', { function: this.sweeper.function, retryAttempts: 0, maxEventAge: Duration.minutes(10) });
    for (const [job, schedule] of Object.entries(NOTICE_SCHEDULES) as Array<[NoticeSweepJob, (typeof NOTICE_SCHEDULES)[NoticeSweepJob]]>) {
      new Rule(this, job === 'deliver' ? 'DeliverDueNotices' : 'PlanProgressNotices', {
        description: `${schedule.description} (${config.name})`,
        schedule: Schedule.cron({ minute: schedule.minute, ...(schedule.hour ? { hour: schedule.hour } : {}) }),
        targets: [new LambdaFunction(this.sweeper.function, { event: RuleTargetInput.fromObject({ job }), retryAttempts: 0 })],
      });
    }

    alarmOnDeadLetters(this, 'NoticeDeadLettersAlarm', this.deadLetterQueue, intake.alarmTopic, `${config.name}: a status change or status keyword could not be turned into its notice (notice DLQ)`);
    const sweeperErrors = new Alarm(this, 'NoticeSweeperErrors', {
      alarmDescription: `${config.name}: the notice sweeper keeps failing; notices held over the night or left failed are not being sent.`,
      metric: this.sweeper.function.metricErrors({ statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 2,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    sweeperErrors.addAlarmAction(new SnsAction(intake.alarmTopic));
    new CfnOutput(this, 'NoticeDeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
  }
}
