import middy from '@middy/core';
import { measureOverdue, type OverdueMeasurement } from '../core/deadlines/list-overdue.ts';
import { overdueMetricDeps } from '../wiring/aws/overdue-metric.ts';
import { lazy } from './shared/lazy.ts';
import type { OverdueMetricDeps } from '../wiring/deps/overdue-metric.ts';

/**
 * Scheduled (every 15 minutes): counts open complaints past their due time and emits the count
 * as a metric the overdue alarm watches, with the years the holiday table is missing.
 */
export function createOverdueMetricHandler(getDeps: () => Promise<OverdueMetricDeps>) {
  return middy(async (_event: unknown): Promise<OverdueMeasurement> => {
    const deps = await getDeps();
    const measurement = await measureOverdue(deps);
    deps.metrics.record(measurement);
    if (measurement.uncoveredYears.length > 0) {
      deps.log.warn('the holiday table lists no day of these years: due times there count weekends only', { years: measurement.uncoveredYears });
    }
    deps.log.info('overdue complaints counted', { overdue: measurement.overdue });
    return measurement;
  });
}

export const handler = createOverdueMetricHandler(lazy(overdueMetricDeps));
