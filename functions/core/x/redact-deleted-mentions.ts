import type { Clock, Log } from '../ports/runtime.ts';
import { billingMonth } from './poll-mentions.ts';
import type { GoneReason, PollerStateStore, StoredMentions, XTweetLookup } from './ports.ts';

/*
 * X's developer terms require deleting our copy of a post its author deleted or made
 * protected. This sweep looks the stored mention ids up in batches of 100 (GET /2/tweets);
 * every id X reports as not found or not authorized has its stored text removed. The
 * complaint keeps its record that a contact happened. Lookups are billed post reads too, so
 * they draw on the same monthly budget as the poller.
 */

export const X_LOOKUP_BATCH = 100;

export interface RedactDeletedMentionsDeps {
  stored: StoredMentions;
  lookup: XTweetLookup;
  budget: Pick<PollerStateStore, 'reserveReads' | 'refundReads'>;
  clock: Clock;
  log: Log;
}

export interface RedactionResult {
  outcome: 'completed' | 'rate-limited' | 'budget-exhausted';
  checked: number;
  redacted: Record<GoneReason, number>;
  retryAfter?: string;
}

export async function redactDeletedMentions(deps: RedactDeletedMentionsDeps, config: { monthlyReadBudget: number }): Promise<RedactionResult> {
  const result: RedactionResult = { outcome: 'completed', checked: 0, redacted: { deleted: 0, protected: 0 } };
  const month = billingMonth(deps.clock.now());
  let pending: string[] = [];

  const checkBatch = async (batch: string[]): Promise<RedactionResult['outcome']> => {
    const granted = await deps.budget.reserveReads(month, batch.length, batch.length, config.monthlyReadBudget);
    if (granted === 0) return 'budget-exhausted';
    const answer = await deps.lookup.lookup(batch).catch(async (error: unknown) => {
      await deps.budget.refundReads(month, granted);
      throw error;
    });
    if ('kind' in answer) {
      await deps.budget.refundReads(month, granted);
      result.retryAfter = answer.resetAt.toISOString();
      return 'rate-limited';
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

  for await (const page of deps.stored.listMentionIds()) {
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
  log.info('x deletion sweep finished', { outcome: result.outcome, checked: result.checked, ...result.redacted });
  return result;
}
