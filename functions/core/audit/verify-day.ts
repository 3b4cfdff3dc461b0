import * as z from '../../../schemas/zod-mini.ts';
import type { DailyDigest } from './digest-model.ts';
import { InvalidAuditQueryError } from './errors.ts';
import type { AuditStore, DigestStore } from './ports.ts';
import { scanDay, type ChainState } from './scan-day.ts';
import type { VerifyFinding } from './verify-chain.ts';

export interface VerifyDeps {
  readonly store: AuditStore;
  readonly digests: DigestStore;
}

export interface VerifyReport {
  readonly day: string;
  /** True when every chain verifies and matches the digest. */
  readonly ok: boolean;
  /** `missing`: the day has no digest yet (not sealed, or the job failed); the chains were still checked. */
  readonly digest: 'matched' | 'missing' | 'unreadable';
  readonly records: number;
  readonly chains: Array<{ shard: number; count: number; headSeq: number; headHash: string; sealed?: { count: number; headSeq: number; headHash: string } }>;
  readonly findings: VerifyFinding[];
}

const DaySchema = z.iso.date();

export function parseDay(value: unknown): string {
  const result = DaySchema.safeParse(value);
  if (!result.success) throw new InvalidAuditQueryError(['day must be a KST day, YYYY-MM-DD']);
  return result.data;
}

/** Recomputes every chain of a KST day from the stored records and compares it with the day's digest. */
export async function verifyDay(deps: VerifyDeps, dayInput: unknown): Promise<VerifyReport> {
  const day = parseDay(dayInput);
  let digest: DailyDigest | null = null;
  let digestState: VerifyReport['digest'] = 'missing';
  const findings: VerifyFinding[] = [];
  try {
    digest = await deps.digests.get(day);
    if (digest) digestState = 'matched';
  } catch (error) {
    digestState = 'unreadable';
    findings.push({ problem: 'malformed', detail: `the day's digest cannot be read: ${error instanceof Error ? error.message : String(error)}` });
  }
  const scan = await scanDay(deps.store, day, { digest, checkIndex: true });
  findings.push(...scan.findings);
  return {
    day,
    ok: findings.length === 0 && digestState === 'matched',
    digest: digestState,
    records: scan.records,
    chains: chainViews(scan.chains, digest),
    findings,
  };
}

function chainViews(chains: readonly ChainState[], digest: DailyDigest | null): VerifyReport['chains'] {
  const shards = new Set([...chains.map((chain) => chain.shard), ...(digest?.shards.map((seal) => seal.shard) ?? [])]);
  return [...shards]
    .sort((a, b) => a - b)
    .map((shard) => {
      const chain = chains.find((candidate) => candidate.shard === shard);
      const seal = digest?.shards.find((candidate) => candidate.shard === shard);
      return {
        shard,
        count: chain?.count ?? 0,
        headSeq: chain?.head.seq ?? 0,
        headHash: chain?.head.hash ?? '',
        ...(seal ? { sealed: { count: seal.count, headSeq: seal.headSeq, headHash: seal.headHash } } : {}),
      };
    });
}
