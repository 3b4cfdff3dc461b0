import middy from '@middy/core';
import type { AuditDigestDeps } from '../wiring/deps/audit-api.ts';
import { sealDay } from '../core/audit/seal-day.ts';
import { auditDigestDeps } from '../wiring/aws/audit-lambda.ts';
import { lazy } from './shared/lazy.ts';

/** The scheduler's input; `day` (YYYY-MM-DD) seals another finished day than yesterday (a rerun, a missed day). */
export interface AuditDigestEvent {
  readonly source?: string;
  readonly day?: string;
}

export interface AuditDigestOutcome {
  readonly day: string;
  readonly write: string;
  readonly records: number;
  readonly chains: number;
  readonly findings: number;
}

/**
 * EventBridge Scheduler target (daily, after KST midnight): seals yesterday's chains into the
 * Object Lock bucket and writes the monthly review's summaries. Findings in the chains, or a
 * digest that differs from the one already sealed, fail the invocation so the job's alarm fires;
 * the digest is written (or kept) either way.
 */
export function createAuditDigestHandler(getDeps: () => Promise<AuditDigestDeps>) {
  const base = async (event: AuditDigestEvent | null): Promise<AuditDigestOutcome> => {
    const deps = await getDeps();
    const result = await sealDay(deps.audit, event?.day);
    const outcome = { day: result.day, write: result.write, records: result.digest.totalRecords, chains: result.digest.shards.length, findings: result.findings.length };
    if (result.findings.length > 0 || result.write === 'conflict') {
      deps.log.error('audit day sealed with problems', { ...outcome, problems: result.findings.slice(0, 20).map((finding) => `${finding.problem} shard ${finding.shard ?? '-'} seq ${finding.seq ?? '-'} ${finding.eventId ?? ''}`) });
      throw new Error(`audit trail ${result.day}: ${result.findings.length} finding(s), digest ${result.write}; see GET /api/audit/verify?day=${result.day}`);
    }
    deps.log.info('audit day sealed', outcome);
    return outcome;
  };
  return middy(base);
}

export const handler = createAuditDigestHandler(lazy(auditDigestDeps));
