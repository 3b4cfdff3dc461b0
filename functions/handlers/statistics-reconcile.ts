import middy from '@middy/core';
import { kstDay } from '../core/kst.ts';
import { reconcileDay, type ReconcileDeps, type ReconcileReport } from '../core/statistics/reconcile-day.ts';
import { isEmpty } from '../core/statistics/counters.ts';
import { ROLLUP_KINDS } from '../core/statistics/model.ts';
import { statisticsReconcileDeps } from '../wiring/aws/statistics.ts';
import { lazy } from './shared/lazy.ts';

/** The scheduler's input; `day` (YYYY-MM-DD, KST) reconciles another day than yesterday. */
export interface ReconcileEvent {
  readonly day?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Daily (EventBridge Scheduler, after KST midnight; locally POST /local/statistics/reconcile):
 * recounts yesterday from the raw items, repairs the rollups and reports what it found. Drift is
 * logged as an error (the rollups had missed something: look for failed deliveries).
 */
export function createStatisticsReconcileHandler(getDeps: () => Promise<ReconcileDeps>) {
  return middy(async (event: ReconcileEvent | null): Promise<ReconcileReport> => {
    const deps = await getDeps();
    const day = event?.day ?? kstDay(new Date(deps.clock.now().getTime() - 86_400_000));
    if (!DAY.test(day)) throw new RangeError('day must be YYYY-MM-DD');
    const report = await reconcileDay(deps, day);
    const drifted = ROLLUP_KINDS.filter((kind) => !isEmpty(report.kinds[kind].driftFound) && !report.kinds[kind].rebuilt);
    if (drifted.length > 0) deps.log.error('statistics rollups had drifted from the raw items and were repaired', { day, kinds: drifted, consistent: report.consistent });
    return report;
  });
}

export const handler = createStatisticsReconcileHandler(lazy(statisticsReconcileDeps));
