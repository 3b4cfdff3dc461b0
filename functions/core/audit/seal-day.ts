import { addDays, kstDay } from '../kst.ts';
import type { Clock } from '../ports/runtime.ts';
import { DIGEST_FORMAT, type DailyDigest } from './digest-model.ts';
import { AuditSealError } from './errors.ts';
import type { AuditStore, DigestStore, DigestWrite } from './ports.ts';
import { scanDay } from './scan-day.ts';
import { DaySummarizer } from './summarize-day.ts';
import { parseDay } from './verify-day.ts';
import type { VerifyFinding } from './verify-chain.ts';

export interface SealDeps {
  readonly store: AuditStore;
  readonly digests: DigestStore;
  readonly clock: Clock;
}

export interface SealResult {
  readonly day: string;
  readonly digest: DailyDigest;
  readonly write: DigestWrite['outcome'];
  /** What the chains showed when sealed: the digest records their count, the job fails on any. */
  readonly findings: VerifyFinding[];
  readonly summarizedActors: number;
}

/** The KST day before the clock's (what the daily job seals). */
export function previousKstDay(clock: Clock): string {
  return kstDay(addDays(clock.now().toISOString(), -1));
}

/**
 * The daily digest job: reads and checks every chain of a finished KST day, writes the day's
 * digest (each chain's head hash and length) to the write-once digest store, then the per-actor
 * summaries the monthly review reads. A rerun converges: an identical digest is left as it is,
 * a different one is never replaced and is reported as a conflict (the chains changed after sealing).
 */
export async function sealDay(deps: SealDeps, dayInput?: unknown): Promise<SealResult> {
  const day = dayInput === undefined ? previousKstDay(deps.clock) : parseDay(dayInput);
  if (day >= kstDay(deps.clock.now())) throw new AuditSealError(`${day} is not over yet (KST): only finished days are sealed`);
  const summarizer = new DaySummarizer(day);
  const scan = await scanDay(deps.store, day, { onRecord: (record) => summarizer.add(record), checkIndex: true });
  const digest: DailyDigest = {
    format: DIGEST_FORMAT,
    day,
    sealedAt: deps.clock.now().toISOString(),
    shards: scan.chains.map((chain) => ({ shard: chain.shard, count: chain.count, headSeq: chain.head.seq, headHash: chain.head.hash, headEventId: chain.head.eventId })),
    totalRecords: scan.records,
    findingsAtSeal: scan.findings.length,
  };
  const write = await deps.digests.put(digest);
  const summaries = summarizer.summaries();
  for (const summary of summaries) await deps.store.putDaySummary(summary);
  await deps.store.markDaySummarized(day, summaries.length);
  return { day, digest: write.outcome === 'conflict' ? write.existing : digest, write: write.outcome, findings: scan.findings, summarizedActors: summaries.length };
}
