import { spawnSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';

export interface BundleFigure {
  function: string;
  entry: string;
  minifiedKb: number;
  /** Median wall time of `import()` of the bundle in a fresh Node process. */
  moduleLoadMs: number;
}

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Imports a file in a fresh process and reports how long the import took (ms). */
function loadTimeMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const runs: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i += 1) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'ap-northeast-2', NODE_OPTIONS: '' },
    });
    if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
    runs.push(Number(result.stdout));
  }
  return median(runs);
}

/** Bundles each function exactly as CDK does and measures size and module load time. */
export async function measureBundles(functions: Array<{ name: string; entry: string }>, outDir: string): Promise<{ baselineLoadMs: number; figures: BundleFigure[] }> {
  await mkdir(outDir, { recursive: true });
  const empty = resolve(outDir, 'empty.mjs');
  await writeFile(empty, 'export const handler = async () => undefined;\n');
  const baselineLoadMs = loadTimeMs(empty);
  const figures: BundleFigure[] = [];
  for (const fn of functions) {
    const outfile = resolve(outDir, fn.name, 'index.mjs');
    await bundleLambda(fn.entry, outfile, { sourcemap: false });
    const { size } = await stat(outfile);
    figures.push({ function: fn.name, entry: fn.entry, minifiedKb: Math.round((size / 1024) * 10) / 10, moduleLoadMs: Math.round(loadTimeMs(outfile) * 10) / 10 });
  }
  return { baselineLoadMs: Math.round(baselineLoadMs * 10) / 10, figures };
}

export const BENCH_DIR = join('.bench');
