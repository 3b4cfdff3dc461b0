import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hangulBm25Engine } from '../functions/adapters/knowledge/hangul-bm25-engine.ts';
import { textTerms } from '../functions/core/knowledge/hangul-terms.ts';
import type { KnowledgeCase } from '../functions/core/knowledge/model.ts';
import { labelledQueries, recallAt3, starterCases } from '../tests/support/knowledge-corpus.ts';
import { knowledgeTargets } from './knowledge-targets.ts';
import { percentile, round } from './support.ts';

/*
 * `npx tsx bench/knowledge.ts`: the knowledge search at Seoul's scale. 13,000 cases are
 * generated from the starter set (each starter case once per district and variant, with a
 * sentence borrowed from another case so the vocabulary is not 43 copies of one text). Measured
 * in one run: index build, gzip size, cold load in a fresh Node process, search p50/p95 against
 * a linear scan over the same cases with the same terms, and recall@3 of the labelled queries
 * over the starter set. Prints one JSON line.
 */
const CASES = Number(process.env.BENCH_KNOWLEDGE_CASES ?? 13_000);
const ROUNDS = Number(process.env.BENCH_KNOWLEDGE_ROUNDS ?? 3);

const DISTRICTS = [
  '종로구', '중구', '용산구', '성동구', '광진구', '동대문구', '중랑구', '성북구', '강북구', '도봉구', '노원구', '은평구', '서대문구',
  '마포구', '양천구', '강서구', '구로구', '금천구', '영등포구', '동작구', '관악구', '서초구', '강남구', '송파구', '강동구',
];

/** Deterministic, so every run measures the same corpus. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCases(starter: readonly KnowledgeCase[], count: number): KnowledgeCase[] {
  const random = mulberry32(120);
  const sentences = starter.flatMap((c) => c.answer.split(/(?<=[.다요])\s+/));
  return Array.from({ length: count }, (_, i) => {
    const base = starter[i % starter.length]!;
    const district = DISTRICTS[Math.floor(i / starter.length) % DISTRICTS.length]!;
    const variant = Math.floor(i / (starter.length * DISTRICTS.length));
    const borrowed = sentences[Math.floor(random() * sentences.length)]!;
    return {
      ...base,
      caseId: `gen-${String(i).padStart(5, '0')}`,
      title: `${district} ${base.title}${variant > 0 ? ` (${variant + 1})` : ''}`,
      question: `${district}에 사는데요, ${base.question}`,
      answer: `${base.answer} ${district}의 경우 ${base.agency ?? '구청'} 담당 부서가 처리합니다. ${borrowed}`,
      agency: `${district} ${base.agency ?? ''}`.trim(),
    };
  });
}

/** What search costs without an index: every case's text checked for every query term. */
function linearScan(cases: readonly KnowledgeCase[]) {
  const docs = cases.map((c) => ({ caseId: c.caseId, title: c.title.toLowerCase(), text: [c.title, c.keywords.join(' '), c.question, c.answer].join('\n').toLowerCase() }));
  return (query: string) => {
    const terms = [...new Set(textTerms(query))];
    const top: { caseId: string; score: number }[] = [];
    for (const doc of docs) {
      let score = 0;
      for (const term of terms) if (doc.text.includes(term)) score += doc.title.includes(term) ? 3 : 1;
      if (score === 0) continue;
      if (top.length < 3 || score > top[top.length - 1]!.score) {
        top.push({ caseId: doc.caseId, score });
        top.sort((a, b) => b.score - a.score);
        if (top.length > 3) top.pop();
      }
    }
    return top;
  };
}

function timeEach(queries: readonly string[], run: (q: string) => unknown): number[] {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const q of queries) {
      const started = performance.now();
      run(q);
      times.push(performance.now() - started);
    }
  }
  return times;
}

/** Import the engine and load the index in a process of its own: what a cold search Lambda pays. */
function coldLoad(bytes: Uint8Array): { moduleMs: number; loadMs: number; loadCpuMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-bench-'));
  try {
    const file = join(dir, 'index.json.gz');
    writeFileSync(file, bytes);
    const engine = fileURLToPath(new URL('../functions/adapters/knowledge/hangul-bm25-engine.ts', import.meta.url));
    const script = `
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(${JSON.stringify(file)});
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
      const t0 = performance.now();
      const { hangulBm25Engine } = await import(${JSON.stringify(engine)});
      const t1 = performance.now();
      const c1 = cpu();
      const index = hangulBm25Engine.load(bytes);
      const t2 = performance.now();
      const loadCpuMs = cpu() - c1;
      if (index.caseCount === 0) throw new Error('empty index');
      process.stdout.write(JSON.stringify({ moduleMs: t1 - t0, loadMs: t2 - t1, loadCpuMs }));`;
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`cold load failed: ${out.stderr}`);
    return JSON.parse(out.stdout) as { moduleMs: number; loadMs: number; loadCpuMs: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureKnowledge() {
  const starter = starterCases();
  const queries = labelledQueries();
  const starterIndex = hangulBm25Engine.load(hangulBm25Engine.build(starter));
  const { recall } = recallAt3((q) => starterIndex.search(q, { limit: 3 }), queries);

  const cases = generateCases(starter, CASES);
  const buildStarted = performance.now();
  const buildCpu = process.cpuUsage();
  const bytes = hangulBm25Engine.build(cases);
  const buildMs = performance.now() - buildStarted;
  const { user, system } = process.cpuUsage(buildCpu);
  const cold = coldLoad(bytes);
  const index = hangulBm25Engine.load(bytes);
  const scan = linearScan(cases);

  const texts = queries.map((q) => q.q);
  for (const q of texts) {
    index.search(q, { limit: 3 });
    scan(q);
  }
  // Interleaved rounds, so both see the same machine load.
  const searchMs: number[] = [];
  const scanMs: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    searchMs.push(...timeEach(texts, (q) => index.search(q, { limit: 3 })));
    scanMs.push(...timeEach(texts, scan));
  }
  const searchP95 = percentile(searchMs, 95);
  const scanP95 = percentile(scanMs, 95);
  const recallAt3Figure = round(recall, 3);
  const p95RatioToScan = round(searchP95 / scanP95, 3);
  return {
    cases: CASES,
    starterCases: starter.length,
    labelledQueries: queries.length,
    recallAt3: recallAt3Figure,
    // Wall time and CPU time: on a shared machine the first can be several times the second.
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round((user + system) / 1000),
    indexGzipKb: Math.round(bytes.byteLength / 1024),
    coldModuleLoadMs: round(cold.moduleMs),
    coldIndexLoadMs: round(cold.loadMs),
    coldIndexLoadCpuMs: round(cold.loadCpuMs),
    searchMs: { p50: percentile(searchMs, 50), p95: searchP95 },
    linearScanMs: { p50: percentile(scanMs, 50), p95: scanP95 },
    p95RatioToScan,
    targets: knowledgeTargets({ recallAt3: recallAt3Figure, p95RatioToScan }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const knowledge = await measureKnowledge();
  console.log(JSON.stringify({ knowledge }));
}
