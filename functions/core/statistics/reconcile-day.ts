import type { Log } from '../ports/runtime.ts';
import { applyContribution, RollupInProgressError, type ApplyDeps } from './apply-contribution.ts';
import { contributionOf } from './contribution-of.ts';
import { difference, equal, EMPTY, isEmpty, sum, type Counters } from './counters.ts';
import { ROLLUP_KINDS, type Bucket, type Contribution, type RollupKind } from './model.ts';
import type { LedgerEntry, RollupStore, StatisticsSources } from './ports.ts';
import { recountDay } from './recount-day.ts';

export interface ReconcileDeps extends ApplyDeps {
  sources: StatisticsSources;
  log: Log;
}

export interface KindReconciliation {
  /** Entities counted by the raw items or by a ledger. */
  entities: number;
  /** The rollup as found, minus the recount: what a reader saw wrong before this run. */
  driftFound: Counters;
  /** Entities whose counted share differed from their raw items (a missed or failed event) and was corrected. */
  refreshed: number;
  /** Entities another delivery was applying during the run (left to it). */
  inProgress: number;
  /** The day had no rollup and no ledger at all: counted from scratch (backfill). */
  rebuilt: boolean;
  /** The rollup minus the sum of its ledgers (never expected: a lost write or a manual edit), repaired. */
  rollupDrift: Counters;
  repaired: boolean;
  /** In-flight tokens left behind by a holder that died after committing. */
  tokensReleased: number;
}

export interface ReconcileReport {
  day: string;
  kinds: Record<RollupKind, KindReconciliation>;
  /** After the run the rollups equal the recount. */
  consistent: boolean;
}

const SNAPSHOT_ATTEMPTS = 3;

/**
 * Recomputes a KST day from the raw items, reports where the rollups differed and repairs them:
 * each entity whose ledger disagrees with its raw items is re-applied through the same exactly-once
 * path as an event, then each rollup is compared with the sum of its ledgers on a consistent
 * snapshot and the difference added, conditional on nothing having written meanwhile.
 */
export async function reconcileDay(deps: ReconcileDeps, day: string): Promise<ReconcileReport> {
  const raw = await recountDay(deps.sources, day);
  const found = (await deps.store.readRollups([day])).get(day) ?? {};
  const kinds = {} as Record<RollupKind, KindReconciliation>;
  for (const kind of ROLLUP_KINDS) {
    const bucket: Bucket = { day, kind };
    const counted = found[kind];
    const entry: KindReconciliation = {
      entities: 0,
      driftFound: difference(sum(raw[kind].map((c) => c.counters)), counted?.counters ?? EMPTY),
      refreshed: 0,
      inProgress: 0,
      rebuilt: false,
      rollupDrift: EMPTY,
      repaired: false,
      tokensReleased: 0,
    };
    kinds[kind] = entry;
    const ledgers = await deps.store.listLedgers(bucket);
    if (!counted && ledgers.length === 0) {
      entry.entities = raw[kind].length;
      if (raw[kind].length === 0) continue;
      await deps.store.writeLedgers(bucket, raw[kind].map((c) => ({ entityId: c.entityId, ref: c.ref, counters: c.counters })));
      if (await deps.store.createRollup(bucket, sum(raw[kind].map((c) => c.counters)), deps.clock.now().toISOString())) {
        entry.rebuilt = true;
        continue;
      }
      // Someone counted into the day meanwhile: reconcile it like any other.
    }
    await refreshEntities(deps, bucket, raw[kind], await deps.store.listLedgers(bucket), entry);
    await repairRollup(deps.store, bucket, entry, deps.clock.now().toISOString());
  }
  const after = (await deps.store.readRollups([day])).get(day) ?? {};
  const consistent = ROLLUP_KINDS.every((kind) => equal(after[kind]?.counters ?? EMPTY, sum(raw[kind].map((c) => c.counters))));
  const report = { day, kinds, consistent };
  deps.log.info('statistics day reconciled', {
    day,
    consistent,
    ...Object.fromEntries(ROLLUP_KINDS.map((kind) => [kind, { refreshed: kinds[kind].refreshed, drift: !isEmpty(kinds[kind].driftFound), repaired: kinds[kind].repaired }])),
  });
  return report;
}

async function refreshEntities(deps: ReconcileDeps, bucket: Bucket, raw: readonly Contribution[], ledgers: ReadonlyArray<{ entityId: string; ledger: LedgerEntry }>, entry: KindReconciliation): Promise<void> {
  const targets = new Map(raw.map((c) => [c.entityId, c]));
  const ledgerOf = new Map(ledgers.map(({ entityId, ledger }) => [entityId, ledger]));
  // Counted once but no longer found by the day's listings (an opted-out happy-call registration
  // leaves the active list): read it again by its own key.
  for (const { entityId, ledger } of ledgers) {
    if (targets.has(entityId)) continue;
    const now = await contributionOf(deps.sources, ledger.ref);
    targets.set(entityId, now && now.bucket.day === bucket.day && now.bucket.kind === bucket.kind ? now : { ref: ledger.ref, entityId, bucket, counters: EMPTY });
  }
  entry.entities = targets.size;
  for (const [entityId, target] of targets) {
    const ledger = ledgerOf.get(entityId);
    if (ledger && !ledger.pending && equal(ledger.applied, target.counters)) continue;
    if (!ledger && isEmpty(target.counters)) continue;
    try {
      if ((await applyContribution(deps, target)) === 'applied') entry.refreshed += 1;
    } catch (error) {
      if (!(error instanceof RollupInProgressError)) throw error;
      entry.inProgress += 1;
    }
  }
}

function tokenParts(token: string): { entityId: string; rev: number } {
  const cut = token.lastIndexOf('#');
  return { entityId: token.slice(0, cut), rev: Number(token.slice(cut + 1)) };
}

/** Compares the rollup with the sum of its ledgers on a snapshot nobody wrote during, and adds the difference. */
async function repairRollup(store: RollupStore, bucket: Bucket, entry: KindReconciliation, at: string): Promise<void> {
  for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt += 1) {
    const before = (await store.readRollups([bucket.day])).get(bucket.day)?.[bucket.kind];
    const ledgers = await store.listLedgers(bucket);
    const after = (await store.readRollups([bucket.day])).get(bucket.day)?.[bucket.kind];
    if ((before?.writes ?? -1) !== (after?.writes ?? -1)) continue;
    if (ledgers.some(({ ledger }) => ledger.pending)) return;
    const ledgerOf = new Map(ledgers.map(({ entityId, ledger }) => [entityId, ledger]));
    for (const token of after?.tokens ?? []) {
      const { entityId, rev } = tokenParts(token);
      // A committed change: its holder died before dropping the token.
      if ((ledgerOf.get(entityId)?.rev ?? 0) >= rev) {
        await store.releaseToken(bucket, token);
        entry.tokensReleased += 1;
      }
    }
    const drift = difference(after?.counters ?? EMPTY, sum(ledgers.map(({ ledger }) => ledger.applied)));
    entry.rollupDrift = drift;
    if (isEmpty(drift)) return;
    entry.repaired = await store.repairRollup(bucket, drift, after?.writes ?? -1, at);
    if (entry.repaired) return;
  }
}
