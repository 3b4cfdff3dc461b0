import middy from '@middy/core';
import type { RedactionResult } from '../core/x/redact-deleted-mentions.ts';
import type { Log } from '../core/ports/runtime.ts';
import { xDeletionSweepDeps } from '../wiring/x-deletion-sweep.ts';
import { lazy } from './shared/lazy.ts';

export interface XDeletionSweepDeps {
  log: Log;
  sweep(): Promise<RedactionResult>;
}

/**
 * EventBridge Scheduler target (daily): removes our copy of stored mentions X reports deleted
 * or protected. Rate limits and an exhausted read budget end the sweep normally (the next day
 * resumes; the budget alarm fires on its own metric); a thrown error (X 5xx, credentials)
 * fails the invocation so the sweep's error alarm sees it.
 */
export function createXDeletionSweepHandler(getDeps: () => Promise<XDeletionSweepDeps>) {
  const base = async (_event: unknown): Promise<RedactionResult> => {
    const deps = await getDeps();
    const result = await deps.sweep();
    deps.log.info('x deletion sweep', { outcome: result.outcome, checked: result.checked, ...result.redacted });
    return result;
  };
  return middy(base);
}

export const handler = createXDeletionSweepHandler(lazy(xDeletionSweepDeps));
