import middy from '@middy/core';
import { runHappyCallScheduler, type HappyCallDeps } from '../core/voice/happy-call-scheduler.ts';
import { lazy } from './shared/lazy.ts';
import { happyCallSchedulerDeps } from '../wiring/aws/voice-happy-call.ts';

export interface HappyCallSchedulerSummary {
  due: number;
  started: number;
  skipped: number;
}

/**
 * EventBridge Scheduler target (rate schedule). The payload is ignored: what is due is computed
 * from the registrations and the clock. A call that cannot be started throws after releasing its
 * slot, so Scheduler's retry policy runs the whole (idempotent) computation again.
 */
export function createHappyCallSchedulerHandler(getDeps: () => Promise<HappyCallDeps & { now(): Date }>) {
  return middy(async (_event: unknown): Promise<HappyCallSchedulerSummary> => {
    const deps = await getDeps();
    const run = await runHappyCallScheduler(deps, deps.now());
    deps.log.info('happy-call scheduler run', { due: run.due.length, started: run.started.length, skipped: run.skipped.length });
    return { due: run.due.length, started: run.started.length, skipped: run.skipped.length };
  });
}

export const handler = createHappyCallSchedulerHandler(lazy(happyCallSchedulerDeps));
