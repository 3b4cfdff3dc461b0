import { describe, expect, it } from 'vitest';
import { knowledgeColdStart, knowledgeTargets } from '../../../bench/knowledge-targets.ts';

describe('knowledge bench targets', () => {
  it('needs recall@3 of at least 0.9 and a p95 at most 0.05 x the linear scan\'s, naming what fails', () => {
    expect(knowledgeTargets({ recallAt3: 0.9, p95RatioToScan: 0.05 })).toEqual({ recallAt3: 0.9, p95RatioToScan: 0.05, failing: [], met: true });
    expect(knowledgeTargets({ recallAt3: 0.89, p95RatioToScan: 0.051 })).toMatchObject({
      met: false,
      failing: ['recall@3 0.89, below 0.9', 'search p95 0.051 x the linear scan, above 0.05'],
    });
    expect(knowledgeTargets({ recallAt3: Number.NaN, p95RatioToScan: 0.01 }).met).toBe(false);
  });

  it('reports the search function\'s cold start as its module load against 1.6 x the SDK floor, plus the index load', () => {
    const cold = knowledgeColdStart({ moduleLoadCpuMs: 50, moduleLoadVsSdkFloor: 1.25 }, { moduleLoadCpuMs: 40 }, { indexGzipKb: 2300, indexLoadCpuMs: 160 });
    expect(cold).toEqual({
      rule: 'module load (CPU) of knowledge-search <= 1.6 x the SDK floor; the index read (one S3 GET of indexGzipKb) and its load come on top, on the first search of a container',
      moduleLoadCpuMs: 50,
      moduleLoadVsSdkFloor: 1.25,
      moduleRuleMet: true,
      indexGzipKb: 2300,
      indexLoadCpuMs: 160,
      indexLoadVsSdkFloor: 4,
      firstSearchCpuMs: 210,
      firstSearchVsSdkFloor: 5.25,
    });
    expect(knowledgeColdStart(undefined, undefined, { indexGzipKb: 2300, indexLoadCpuMs: 160 }).moduleRuleMet).toBe(false);
  });
});
