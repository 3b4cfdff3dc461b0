import type { Clock, Log } from '../ports/runtime.ts';
import { billingMonth } from './poll-mentions.ts';
import { GONE_REASONS, type GoneReason, type PollerStateStore, type StoredMentions, type XTweetLookup } from './ports.ts';

/*
 * X's developer terms require deleting our copy of a post its author deleted or made
 * protected, or that was withheld. This pass looks stored mention ids up in batches of 100
 * (GET /2/tweets); every id X reports as not found, not authorized or withheld has its stored
 * text removed. The complaint keeps its record that a contact happened. Lookups are billed post
 * reads: they draw on the sweep's own monthly budget (never the poller's), only mentions whose
 * age is due (compliance-schedule.ts) are read, and the lookup endpoint's rate-limit window
 * and X's usage cap are kept like the poller keeps its own.
 */

export const X_LOOKUP_BATCH = 100;

export interface RedactDeletedMentionsDeps {
  stored: StoredMentions;
  lookup: XTweetLookup;
  /** The sweep's budget pool. */
  budget: Pick<PollerStateStore, 'reserveReads' | 'refundReads'>;
  /** Rate-limit and usage-cap state shared with the poller (one window per endpoint, one cap per app). */
  limits?: Pick<PollerStateStore, 'getState' | 'recordRateLimit' | 'recordUsageCap'>;
  clock: Clock;
  log: Log;
}

export type RedactionOutcome = 'completed' | 'rate-limited' | 'usage-capped' | 'budget-exhausted';

export interface RedactionResult {
  outcome: RedactionOutcome;
  checked: number;
  redacted: Record<GoneReason, number>;
  retryAfter?: string;
}

export function noneRedacted(): Record<GoneReason, number> {
  return Object.fromEntries(GONE_REASONS.map((reason) => [reason, 0])) as Record<GoneReason, number>;
}

export async function redactDeletedMentions(
  deps: RedactDeletedMentionsDeps,
  config: { monthlyReadBudget: number; due?: (ageDays: number) => boolean },
): Promise<RedactionResult> {
  const result: RedactionResult = { outcome: 'completed', checked: 0, redacted: noneRedacted() };
  const now = deps.clock.now();
  const month = billingMonth(now);
  const waits = deps.limits ? await deps.limits.getState() : {};
  const wait = [waits.usageCappedUntil, waits.lookupRateLimitedUntil].find((until) => until !== undefined && until.getTime() > now.getTime());
  if (wait !== undefined) {
    const outcome = wait === waits.usageCappedUntil ? 'usage-capped' : 'rate-limited';
    return finish(deps.log, { ...result, outcome, retryAfter: wait.toISOString() });
  }
  let pending: string[] = [];

  const checkBatch = async (batch: string[]): Promise<RedactionOutcome> => {
    const granted = await deps.budget.reserveReads(month, batch.length, batch.length, config.monthlyReadBudget);
    if (granted === 0) return 'budget-exhausted';
    const answer = await deps.lookup.lookup(batch).catch(async (error: unknown) => {
      await deps.budget.refundReads(month, granted);
      throw error;
    });
    if ('kind' in answer) {
      await deps.budget.refundReads(month, granted);
      result.retryAfter = answer.resetAt.toISOString();
      if (answer.usageCapped) await deps.limits?.recordUsageCap(answer.resetAt);
      else await deps.limits?.recordRateLimit(answer.resetAt, 'lookup');
      return answer.usageCapped ? 'usage-capped' : 'rate-limited';
    }
    // Only returned posts are billed.
    if (granted - answer.found.length > 0) await deps.budget.refundReads(month, granted - answer.found.length);
    const at = deps.clock.now();
    for (const gone of answer.gone) {
      await deps.stored.redactMentionText(gone.id, gone.reason, at);
      result.redacted[gone.reason] += 1;
    }
    result.checked += batch.length;
    return 'completed';
  };

  for await (const page of deps.stored.listMentionIds(config.due)) {
    pending.push(...page);
    while (pending.length >= X_LOOKUP_BATCH) {
      const outcome = await checkBatch(pending.slice(0, X_LOOKUP_BATCH));
      if (outcome !== 'completed') return finish(deps.log, { ...result, outcome });
      pending = pending.slice(X_LOOKUP_BATCH);
    }
  }
  if (pending.length > 0) {
    const outcome = await checkBatch(pending);
    if (outcome !== 'completed') return finish(deps.log, { ...result, outcome });
  }
  return finish(deps.log, result);
}

function finish(log: Log, result: RedactionResult): RedactionResult {
  log.info('x compliance lookups finished', { outcome: result.outcome, checked: result.checked, ...result.redacted });
  return result;
}
