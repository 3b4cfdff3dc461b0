import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DEADLINE_METRICS, DEADLINE_METRICS_STAGE_ENV } from '../../functions/adapters/deadlines/emf-deadline-metrics.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { DEADLINE_FUNCTIONS } from '../function-catalog.ts';
import { GatewayFunction, type LogLevel } from './gateway-function.ts';

export interface OverdueComplaintsAlarmProps {
  readonly stageName: string;
  readonly table: { readonly table: ITable; readonly indexNames: readonly string[] };
  /** The stage's holiday table, comma-separated KST days (PUBLIC_HOLIDAYS). */
  readonly publicHolidays: string;
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** @default 15 minutes */
  readonly rate?: Duration;
  /** Consecutive counts above zero before the alarm fires. @default 2 */
  readonly evaluationPeriods?: number;
}

/**
 * Overdue civil petitions in CloudWatch: a scheduled function counts open complaints past their
 * due time (the open-by-due index) and emits the count as an EMF metric. Alarms: some complaint
 * is overdue for `evaluationPeriods` runs in a row; the holiday table is missing this year or
 * the next (due times there would count weekends only); the counting function keeps failing.
 */
export class OverdueComplaintsAlarm extends Construct {
  readonly counter: GatewayFunction;
  readonly schedule: Rule;
  readonly overdueAlarm: Alarm;
  readonly holidayTableAlarm: Alarm;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OverdueComplaintsAlarmProps) {
    super(scope, id);
    const rate = props.rate ?? Duration.minutes(15);
    const evaluationPeriods = props.evaluationPeriods ?? 2;
    if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) throw new Error('evaluationPeriods must be a positive integer');
    const definition = DEADLINE_FUNCTIONS.overdueMetric;

    this.counter = new GatewayFunction(this, 'Counter', {
      entry: definition.entry,
      description: definition.description,
      serviceName: definition.name,
      memorySize: 256,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      logLevel: props.logLevel ?? 'INFO',
      environment: { [ENV.publicHolidays]: props.publicHolidays, [DEADLINE_METRICS_STAGE_ENV]: props.stageName },
    });
    this.counter.bindTable(props.table.table, 'read', props.table.indexNames);

    // The count is redone from scratch each run: a missed run is simply the next one's job.
    this.schedule = new Rule(this, 'Schedule', {
      description: `Count overdue civil petitions every ${rate.toHumanString()} (${props.stageName})`,
      schedule: Schedule.rate(rate),
      targets: [new LambdaFunction(this.counter.function, { retryAttempts: 0 })],
    });

    const metric = (metricName: string) =>
      new Metric({ namespace: DEADLINE_METRICS.namespace, metricName, dimensionsMap: { [DEADLINE_METRICS.dimension]: props.stageName }, statistic: 'Maximum', period: rate });

    this.overdueAlarm = new Alarm(this, 'OverdueComplaints', {
      alarmDescription: `${props.stageName}: open complaints are past their legal due time (Civil Petitions Act). The supervisors' overdue list names them; extend (with a reason) or answer them.`,
      metric: metric(DEADLINE_METRICS.overdue),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.holidayTableAlarm = new Alarm(this, 'HolidayTableGaps', {
      alarmDescription: `${props.stageName}: the stage's publicHolidays table lists nothing for this year or the next; add the 월력요항 holidays (lib/config/public-holidays.ts) before due times run into it.`,
      metric: metric(DEADLINE_METRICS.holidayTableGaps),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm = new Alarm(this, 'CounterErrors', {
      alarmDescription: `${props.stageName}: the overdue counter keeps failing, so the overdue alarm sees no data.`,
      metric: this.counter.function.metricErrors({ statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.overdueAlarm, this.holidayTableAlarm, this.errorAlarm]) alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
