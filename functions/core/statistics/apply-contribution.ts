import type { Clock } from '../ports/runtime.ts';
import { difference, equal, EMPTY } from './counters.ts';
import type { Contribution } from './model.ts';
import type { PendingChange, RollupStore } from './ports.ts';

/**
 * How long a pending change belongs to whoever wrote it. Longer than the rollup Lambda's timeout
 * (30 s) several times over, so a change is taken over only from a holder that is gone.
 */
export const LEDGER_LEASE_MS = 120_000;
const MAX_ROUNDS = 6;

/** Another delivery is applying a change to this entity right now; retried later, it finds it done. */
export class RollupInProgressError extends Error {
  override readonly name = 'RollupInProgressError';
}

export interface ApplyDeps {
  store: RollupStore;
  clock: Clock;
}

/**
 * Brings one entity's share of its day's rollup to `contribution`, exactly once, with single
 * conditional writes (no transactions; docs/adr/0023-statistics-rollups.md):
 *   1. the entity's ledger gets the change as `pending` (conditional on its revision): from here
 *      the change is decided, and its lease names who carries it out;
 *   2. the rollup ADDs the delta together with the change's token, conditional on the token being
 *      absent: a repeat finds the token and adds nothing;
 *   3. the ledger commits the change (conditional on the lease);
 *   4. the token is removed from the rollup.
 * A crash after 1 leaves the change pending: after the lease another delivery takes it over and
 * repeats 2-4 (2 then adds nothing if it had happened). Redelivered events recompute the same
 * contribution and find nothing to change, so no event is ever counted twice.
 */
export async function applyContribution(deps: ApplyDeps, contribution: Contribution): Promise<'applied' | 'unchanged'> {
  const { store } = deps;
  const { bucket, entityId } = contribution;
  let tookOver = false;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const ledger = await store.getLedger(bucket, entityId);
    if (ledger?.pending) {
      const { pending } = ledger;
      const now = deps.clock.now();
      if (now.getTime() - Date.parse(pending.leaseAt) < LEDGER_LEASE_MS) {
        throw new RollupInProgressError(`${bucket.kind} ${bucket.day} ${entityId}: change ${pending.rev} is being applied`);
      }
      const leaseAt = now.toISOString();
      if (await store.takeOverChange(bucket, entityId, pending.rev, pending.leaseAt, leaseAt)) {
        await finish(store, contribution, { ...pending, leaseAt });
        tookOver = true;
      }
      continue;
    }
    const current = ledger?.applied ?? EMPTY;
    if (equal(current, contribution.counters)) return tookOver ? 'applied' : 'unchanged';
    const change: PendingChange = {
      rev: (ledger?.rev ?? 0) + 1,
      target: contribution.counters,
      delta: difference(current, contribution.counters),
      leaseAt: deps.clock.now().toISOString(),
    };
    if (!(await store.beginChange(bucket, entityId, contribution.ref, ledger ? ledger.rev : null, change))) continue;
    await finish(store, contribution, change);
    return 'applied';
  }
  throw new RollupInProgressError(`${bucket.kind} ${bucket.day} ${entityId}: its ledger kept changing`);
}

export const changeToken = (entityId: string, rev: number): string => `${entityId}#${rev}`;

async function finish(store: RollupStore, { bucket, entityId }: Contribution, change: PendingChange): Promise<void> {
  const token = changeToken(entityId, change.rev);
  await store.addToRollup(bucket, change.delta, token, change.leaseAt);
  // Only the lease holder's commit succeeds; only after it is the token safe to drop.
  if (await store.commitChange(bucket, entityId, change)) await store.releaseToken(bucket, token);
}
