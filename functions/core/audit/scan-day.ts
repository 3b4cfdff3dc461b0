import { MAX_SHARDS, type ChainHead } from './chain.ts';
import type { DailyDigest } from './digest-model.ts';
import type { AccessRecord } from './model.ts';
import type { AuditStore } from './ports.ts';
import { ChainWalk, type VerifyFinding } from './verify-chain.ts';

export interface ChainState {
  readonly shard: number;
  readonly count: number;
  readonly head: ChainHead;
}

export interface DayScan {
  /** Non-empty chains, by shard. */
  readonly chains: ChainState[];
  readonly findings: VerifyFinding[];
  readonly records: number;
}

export interface ScanOptions {
  /** The day's digest, when it was sealed: chains are compared with it. */
  readonly digest?: DailyDigest | null;
  /** Sees every item that makes a record (summaries). */
  readonly onRecord?: (record: AccessRecord) => void;
  /** Also read the day's listing index for items outside every chain (verification only: it reads the day twice). */
  readonly checkIndex?: boolean;
}

/**
 * Reads every chain of a KST day (all MAX_SHARDS shards, whatever the shard count is today, so a
 * changed setting never hides a chain) and checks each, against the digest when there is one.
 */
export async function scanDay(store: AuditStore, day: string, options: ScanOptions = {}): Promise<DayScan> {
  const { digest, onRecord } = options;
  const chains: ChainState[] = [];
  const findings: VerifyFinding[] = [];
  const seen = new Map<string, { shard: number; seq: number }>();
  let records = 0;
  for (let shard = 0; shard < MAX_SHARDS; shard += 1) {
    const walk = new ChainWalk({ day, shard }, digest?.shards.find((seal) => seal.shard === shard));
    for await (const item of store.chainItems({ day, shard })) {
      const record = walk.accept(item);
      records += 1;
      const eventId = typeof item.fields.eventId === 'string' ? item.fields.eventId : undefined;
      if (eventId) {
        const first = seen.get(eventId);
        if (first) {
          findings.push({ shard, seq: item.seq, eventId, problem: 'duplicate', detail: `the same event id is already shard ${first.shard} seq ${first.seq}` });
        } else seen.set(eventId, { shard, seq: item.seq });
      }
      if (record) onRecord?.(record);
    }
    walk.finish();
    findings.push(...walk.findings);
    if (walk.head) chains.push({ shard, count: walk.count, head: walk.head });
  }
  for await (const stray of options.checkIndex ? store.strayIndexEntries(day) : []) {
    findings.push({
      ...(stray.eventId ? { eventId: stray.eventId } : {}),
      problem: 'outside-chain',
      detail: `the day's listing index holds ${stray.key}, which is no chain slot: inserted beside the chains`,
    });
  }
  return { chains, findings, records };
}
