import { describe, expect, it } from 'vitest';
import { auditTargets, withAuditTargets } from '../../../bench/audit-targets.ts';
import { coldStartTargets } from '../../../bench/cold-start-targets.ts';

const writers = (shards: number, ok: boolean) => ({ writers: 20, shards, records: ok ? 500 : 0, chains: ok ? shards : 0, findings: 0, ok, appendsPerSecond: 10 });
const figures = (pipelineRatio: number, overrides: { findings?: number; writersOk?: boolean } = {}) => ({
  pipelineRatio,
  dayUnderLoad: { records: 600, chains: 8, findings: overrides.findings ?? 0 },
  concurrentWriters: [writers(8, overrides.writersOk ?? true), writers(1, false)],
});

describe('audit budget', () => {
  it('requires the pipeline to keep 90% of its throughput when every counselor read is recorded', () => {
    expect(auditTargets(figures(0.9)).met).toBe(true);
    expect(auditTargets(figures(0.89)).failing).toEqual(['pipeline throughput with audit records / without 0.89, below 0.9']);
  });

  it('requires the chains written under load, and by 20 concurrent writers on the default chains, to verify; a single chain is only reported', () => {
    expect(auditTargets(figures(0.95, { findings: 2 })).failing).toEqual(['the day written under load has 2 verification finding(s)']);
    expect(auditTargets(figures(0.95, { writersOk: false })).failing).toEqual(['20 concurrent writers on 8 chains: not every record written, or the chains do not verify']);
  });

  it('never reads an unmeasured figure as met', () => {
    expect(auditTargets(figures(Number.NaN)).met).toBe(false);
    expect(auditTargets(undefined)).toMatchObject({ met: false, failing: ['audit not measured (BENCH_ONLY=pipeline)'] });
  });

  it('joins the cold-start budget: one list of rules, one met', () => {
    const cold = coldStartTargets([{ function: 'chat-message', synchronous: true, moduleLoadVsSdkFloor: 1 }], 0.8);
    const joined = withAuditTargets(cold, auditTargets(figures(0.5)));
    expect(joined.met).toBe(false);
    expect(joined.rules).toEqual([...cold.rules, ...auditTargets(figures(0.5)).rules]);
    expect(joined.failing).toEqual(['pipeline throughput with audit records / without 0.5, below 0.9']);
    expect(withAuditTargets(cold, auditTargets(figures(0.95))).met).toBe(true);
  });
});
