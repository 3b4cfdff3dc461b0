import type { OverdueMeasurement } from '../../core/deadlines/list-overdue.ts';

/** CloudWatch namespace, dimension and metric names the overdue function emits and its alarms watch. */
export const DEADLINE_METRICS = {
  namespace: 'CitizenGateway/Deadlines',
  dimension: 'Stage',
  overdue: 'OverdueOpenComplaints',
  /** Years (this one and the next) the stage's holiday table lists nothing for. */
  holidayTableGaps: 'HolidayTableMissingYears',
} as const;

/** The stage name the metrics carry as their dimension; CDK sets it. */
export const DEADLINE_METRICS_STAGE_ENV = 'DEADLINE_METRICS_STAGE';

/**
 * One CloudWatch Embedded Metric Format line with both metrics, written to stdout (not through
 * console, which Lambda's JSON log format would wrap): CloudWatch Logs turns it into metrics
 * without an API call or a PutMetricData permission.
 */
export function emfDeadlineMetrics(stage: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  return {
    record(measurement: OverdueMeasurement): void {
      write(
        JSON.stringify({
          _aws: {
            Timestamp: Date.parse(measurement.at),
            CloudWatchMetrics: [
              {
                Namespace: DEADLINE_METRICS.namespace,
                Dimensions: [[DEADLINE_METRICS.dimension]],
                Metrics: [
                  { Name: DEADLINE_METRICS.overdue, Unit: 'Count' },
                  { Name: DEADLINE_METRICS.holidayTableGaps, Unit: 'Count' },
                ],
              },
            ],
          },
          [DEADLINE_METRICS.dimension]: stage,
          [DEADLINE_METRICS.overdue]: measurement.overdue,
          [DEADLINE_METRICS.holidayTableGaps]: measurement.uncoveredYears.length,
        }),
      );
    },
  };
}
