import middy from '@middy/core';
import type { ComplianceSweepResult } from '../core/x/compliance-sweep.ts';
import { xDeletionSweepDeps } from '../wiring/x-deletion-sweep.ts';
import { lazy } from './shared/lazy.ts';
import type { XDeletionSweepDeps } from '../wiring/deps/x-deletion-sweep.ts';

/**
 * EventBridge Scheduler target (hourly): X batch compliance jobs and the daily lookup pass
 * remove our copy of stored mentions X reports deleted, protected, suspended or withheld. Rate
 * limits, the usage cap and an exhausted read budget end the sweep normally (the next run
 * resumes; the alarms fire on their own metrics); a thrown error (X 5xx, credentials) fails
 * the invocation so the sweep's error alarm sees it.
 */
export function createXDeletionSweepHandler(getDeps: () => Promise<XDeletionSweepDeps>) {
  const base = async (_event: unknown): Promise<ComplianceSweepResult> => {
    const deps = await getDeps();
    const result = await deps.sweep();
    deps.log.info('x compliance sweep', { outcome: result.outcome, checked: result.checked, job: result.job.step, ...result.redacted });
    return result;
  };
  return middy(base);
}

export const handler = createXDeletionSweepHandler(lazy(xDeletionSweepDeps));
