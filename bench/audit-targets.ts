/**
 * The audit trail's budget in `npm run bench` (issue 11): recording every counselor read must not
 * slow intake noticeably, and what was written under load must verify.
 */
import { DEFAULT_SHARDS } from '../functions/core/audit/chain.ts';

export const AUDIT_PIPELINE_RATIO_AT_LEAST = 0.9;

export interface AuditBenchFigures {
  /** Pipeline contacts/s with audit records / without, under counselors' read load (median of the pairs). */
  pipelineRatio: number;
  dayUnderLoad: { findings: number };
  concurrentWriters: ReadonlyArray<{ writers: number; shards: number; ok: boolean }>;
}

export interface AuditTargets {
  rules: string[];
  pipelineRatioAtLeast: number;
  failing: string[];
  met: boolean;
}


export function auditTargets(figures: AuditBenchFigures | undefined): AuditTargets {
  const failing: string[] = [];
  if (!figures) failing.push('audit not measured (BENCH_ONLY=pipeline)');
  else {
    // Written so that a NaN (a failed measurement) fails too.
    if (!(figures.pipelineRatio >= AUDIT_PIPELINE_RATIO_AT_LEAST)) failing.push(`pipeline throughput with audit records / without ${figures.pipelineRatio}, below ${AUDIT_PIPELINE_RATIO_AT_LEAST}`);
    if (figures.dayUnderLoad.findings !== 0) failing.push(`the day written under load has ${figures.dayUnderLoad.findings} verification finding(s)`);
    // The writers rule is about the default chain count; a single chain is reported only.
    const writers = figures.concurrentWriters.find((figure) => figure.shards === DEFAULT_SHARDS);
    if (!writers?.ok) failing.push(`${writers?.writers ?? 20} concurrent writers on ${DEFAULT_SHARDS} chains: not every record written, or the chains do not verify`);
  }
  return {
    rules: [
      `intake pipeline throughput with every counselor read recorded / without (counselors reading in a loop, median of interleaved pairs) >= ${AUDIT_PIPELINE_RATIO_AT_LEAST}`,
      'the audit day written under that load verifies with no finding',
      `20 concurrent writers (one recorder each, as separate containers) on the default ${DEFAULT_SHARDS} chains write every record and the chains verify`,
    ],
    pipelineRatioAtLeast: AUDIT_PIPELINE_RATIO_AT_LEAST,
    failing,
    met: failing.length === 0,
  };
}

/** The benchmark's one `targets`: the cold-start rules and the audit rules, met when both are. */
export function withAuditTargets<T extends { rules: string[]; failing: string[]; met: boolean }>(base: T, audit: AuditTargets): T & { audit: AuditTargets } {
  return { ...base, rules: [...base.rules, ...audit.rules], failing: [...base.failing, ...audit.failing], met: base.met && audit.met, audit };
}
