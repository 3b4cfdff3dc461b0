import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { EventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { X_ENV, X_MAX_RETENTION_DAYS, X_METRICS } from '../../functions/adapters/x/x-env.ts';
import { GatewayFunction, type LogLevel } from './gateway-function.ts';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';
import { X_FUNCTIONS } from '../function-catalog.ts';

export interface XMentionPollerProps {
  readonly stageName: string;
  readonly table: { readonly table: ITable; readonly indexNames: readonly string[] };
  readonly intakeQueue: IQueue;
  /** Encrypts the credentials secret. */
  readonly encryptionKey: IKey;
  /** Operations alarm topic. */
  readonly alarmTopic: ITopic;
  /** The city's X user id (digits) whose mentions are polled. */
  readonly xAccountId: string;
  /** Posts the poller may read per calendar month (X bills per post read). */
  readonly monthlyReadBudget: number;
  /** @default 1 minute (stage config xPollRateMinutes, or the fastest xApi.tier allows) */
  readonly pollRate?: Duration;
  /** Who reads the mention timeline: the city account (Owned Reads, needs its OAuth 1.0a keys) or the app. @default 'owner' */
  readonly readAs?: 'owner' | 'app';
  /** A server speaking X API v2 other than https://api.x.com (a staging proxy). */
  readonly apiBaseUrl?: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** KST days of X complaints whose mention copies the compliance sweep keeps checking. @default 3650 */
  readonly redactionWindowDays?: number;
  /** The compliance sweep's own monthly read budget for lookups (never the poller's). @default 2000 */
  readonly sweepMonthlyReadBudget?: number;
  /** X batch compliance jobs. @default true */
  readonly complianceJobs?: boolean;
}

/** Lambda timeout; the poller's lease (120 s, functions/wiring/x-poller.ts) outlives it. */
export const X_POLLER_TIMEOUT = Duration.seconds(60);
/** The deletion sweep lists a window of complaints and looks their mentions up 100 at a time. */
export const X_SWEEP_TIMEOUT = Duration.minutes(5);

/**
 * The X mentions channel: an EventBridge Scheduler schedule invokes the poller Lambda, which
 * reads the city's mention timeline with the credentials secret and enqueues each mention to
 * the intake queue. Cursor, lease and read budget live in the complaint table (XPOLL# items).
 * A second, daily schedule runs the deletion-compliance sweep (X's terms: remove our copy of
 * posts deleted or made protected), which draws on the same read budget.
 * Alarms: the monthly read budget stopped a poll or sweep; the poller keeps failing; the sweep failed.
 */
export class XMentionPoller extends Construct {
  readonly poller: GatewayFunction;
  readonly credentials: Secret;
  readonly schedule: Schedule;
  readonly budgetAlarm: Alarm;
  readonly usageCapAlarm: Alarm;
  readonly errorAlarm: Alarm;
  readonly sweeper: GatewayFunction;
  readonly sweepSchedule: Schedule;
  readonly sweepErrorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: XMentionPollerProps) {
    super(scope, id);
    if (!/^[0-9]{1,20}$/.test(props.xAccountId)) throw new Error(`xAccountId must be the numeric X user id, got ${props.xAccountId}`);
    if (!Number.isInteger(props.monthlyReadBudget) || props.monthlyReadBudget <= 0) throw new Error('monthlyReadBudget must be a positive integer');
    const pollRate = props.pollRate ?? Duration.minutes(1);
    const windowDays = props.redactionWindowDays ?? X_MAX_RETENTION_DAYS;
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > X_MAX_RETENTION_DAYS) throw new Error(`redactionWindowDays must be an integer from 1 to ${X_MAX_RETENTION_DAYS}`);
    const sweepBudget = props.sweepMonthlyReadBudget ?? 2_000;

    // A random bearer token keeps the poller failing closed (401, error alarm) until the operator
    // writes the real credentials: {"bearerToken":"..."} and, for replies, the OAuth 1.0a keys.
    this.credentials = new Secret(this, 'Credentials', {
      description: `citizen-contact-gateway ${props.stageName}: X API credentials (fill in after deploy, docs/channels/x.md)`,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'bearerToken',
        passwordLength: 32,
        excludePunctuation: true,
      },
    });
    acknowledge(
      this.credentials,
      'AwsSolutions-SMG4',
      'X API tokens are issued and revoked in the X developer portal; Secrets Manager cannot rotate them. docs/channels/x.md covers replacing the secret value after regenerating them.',
    );

    this.poller = new GatewayFunction(this, 'Poller', {
      entry: X_FUNCTIONS.poller.entry,
      description: X_FUNCTIONS.poller.description,
      serviceName: X_FUNCTIONS.poller.name,
      memorySize: 256,
      timeout: X_POLLER_TIMEOUT,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      logLevel: props.logLevel ?? 'INFO',
      environment: {
        [X_ENV.accountId]: props.xAccountId,
        [X_ENV.monthlyReadBudget]: String(props.monthlyReadBudget),
        [X_ENV.readAs]: props.readAs ?? 'owner',
        ...(props.apiBaseUrl ? { [X_ENV.apiBaseUrl]: props.apiBaseUrl } : {}),
      },
    });
    this.poller
      .bindTable(props.table.table, 'readWrite', props.table.indexNames)
      .bindQueue(props.intakeQueue)
      .bindSecret(this.credentials, X_ENV.secretArn);

    // A failed poll is retried by the next tick from the same cursor: no async retries on top.
    new EventInvokeConfig(this, 'NoAsyncRetries', { function: this.poller.function, retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    // Our own role (instead of the target's shared one) so the grant below is the only thing in it.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `EventBridge Scheduler invoking the X mention poller (${props.stageName})`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Poll X mentions of ${props.xAccountId} every ${pollRate.toHumanString()}`,
      schedule: ScheduleExpression.rate(pollRate),
      target: new LambdaInvoke(this.poller.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ source: 'x-mention-poller-schedule' }),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });

    this.sweeper = new GatewayFunction(this, 'DeletionSweep', {
      entry: X_FUNCTIONS.deletionSweep.entry,
      description: X_FUNCTIONS.deletionSweep.description,
      serviceName: X_FUNCTIONS.deletionSweep.name,
      memorySize: 256,
      timeout: X_SWEEP_TIMEOUT,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      logLevel: props.logLevel ?? 'INFO',
      environment: {
        [X_ENV.accountId]: props.xAccountId,
        [X_ENV.monthlyReadBudget]: String(props.monthlyReadBudget),
        [X_ENV.sweepMonthlyReadBudget]: String(sweepBudget),
        [X_ENV.complianceJobs]: props.complianceJobs === false ? 'off' : 'on',
        [X_ENV.redactionWindowDays]: String(windowDays),
        ...(props.apiBaseUrl ? { [X_ENV.apiBaseUrl]: props.apiBaseUrl } : {}),
      },
    });
    this.sweeper.bindTable(props.table.table, 'readWrite', props.table.indexNames).bindSecret(this.credentials, X_ENV.secretArn);
    // A failed sweep is redone by the next hourly run (redaction is idempotent): no async retries.
    new EventInvokeConfig(this, 'SweepNoAsyncRetries', { function: this.sweeper.function, retryAttempts: 0, maxEventAge: Duration.hours(1) });
    this.sweepSchedule = new Schedule(this, 'SweepSchedule', {
      description: `Hourly X compliance sweep of ${props.xAccountId} (batch jobs; lookups once a KST day; ${windowDays} days of complaints)`,
      schedule: ScheduleExpression.rate(Duration.hours(1)),
      target: new LambdaInvoke(this.sweeper.function, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ source: 'x-deletion-sweep-schedule' }),
        retryAttempts: 0,
        maxEventAge: Duration.hours(1),
      }),
    });

    const schedulerPolicy = schedulerRole.node.tryFindChild('DefaultPolicy');
    if (schedulerPolicy) {
      for (const fn of [this.poller.function, this.sweeper.function]) {
        acknowledgeWildcardResource(
          schedulerPolicy,
          `${fn.functionArn}:*`,
          'Function.grantInvoke also names the qualified ARNs (versions/aliases) of this one function; the role can invoke nothing else.',
        );
      }
    }

    // Any occurrence of one of the poller's own EMF metrics pages the operators.
    const onMetric = (id: string, metricName: string, alarmDescription: string): Alarm => {
      const alarm = new Alarm(this, id, {
        alarmDescription,
        metric: new Metric({
          namespace: X_METRICS.namespace,
          metricName,
          dimensionsMap: { [X_METRICS.dimension]: props.xAccountId },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(props.alarmTopic));
      return alarm;
    };
    this.budgetAlarm = onMetric(
      'ReadBudgetExhausted',
      X_METRICS.readBudgetExhausted,
      `X monthly read budget (${props.monthlyReadBudget} posts) reached: mentions are no longer read until next month or a higher budget (X_MONTHLY_READ_BUDGET).`,
    );
    // X's own cap (UsageCapExceeded, monthly) stops reads for hours: an operator must raise it or buy credits.
    this.usageCapAlarm = onMetric(
      'UsageCapExceeded',
      X_METRICS.usageCapExceeded,
      'X answered 429 UsageCapExceeded: the app reached its monthly post cap or credit limit. Reads pause (one probe every 6 hours) until the cap is raised in the X developer console or the month resets.',
    );

    // One X 5xx is routine; at a one-minute rate, three failed polls in fifteen minutes is not.
    const frequent = pollRate.toMinutes() <= 5;
    this.errorAlarm = new Alarm(this, 'PollerErrors', {
      alarmDescription: 'The X mention poller keeps failing (X unavailable, credentials wrong, intake queue down); mentions wait at X until it recovers.',
      metric: this.poller.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(15) }),
      threshold: frequent ? 3 : 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm.addAlarmAction(new SnsAction(props.alarmTopic));

    // The sweep runs once a day: a single failure means that day's check did not happen.
    this.sweepErrorAlarm = new Alarm(this, 'DeletionSweepErrors', {
      alarmDescription: 'The X compliance sweep keeps failing: mentions deleted, protected or withheld at X may still be stored (X developer terms). It reruns hourly; check X credentials and the function logs.',
      // Hourly runs: one X 5xx is routine, two failed runs in three hours are not.
      metric: this.sweeper.function.metricErrors({ statistic: 'Sum', period: Duration.hours(3) }),
      threshold: 2,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.sweepErrorAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
