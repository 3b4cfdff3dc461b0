import { spawnSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPO_ROOT, bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';

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

/**
 * The least any gateway function carries (DESIGN: a DynamoDB repository, the Powertools logger, a
 * zod/mini schema, a middy handler), with no logic: the floor the per-function figures stand on.
 */
const SDK_FLOOR_PROBE = `
  import middy from '@middy/core';
  import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
  import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
  import { Logger } from '@aws-lambda-powertools/logger';
  import * as z from './schemas/zod-mini.ts';
  const Event = z.object({ id: z.string() });
  const logger = new Logger();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  export const handler = middy(async (event: unknown) => {
    const { id } = Event.parse(event);
    logger.info('get', { id });
    return documents.send(new GetCommand({ TableName: 't', Key: { pk: id } }));
  });`;

export interface BundleMeasurements {
  /** Empty module: process and loader cost. */
  baselineLoadMs: number;
  /** SDK_FLOOR_PROBE bundled like a function. */
  sdkFloor: { minifiedKb: number; moduleLoadMs: number };
  figures: BundleFigure[];
}

async function measureOne(entry: Parameters<typeof bundleLambda>[0], outfile: string): Promise<{ minifiedKb: number; moduleLoadMs: number }> {
  await bundleLambda(entry, outfile);
  const { size } = await stat(outfile);
  return { minifiedKb: Math.round((size / 1024) * 10) / 10, moduleLoadMs: Math.round(loadTimeMs(outfile) * 10) / 10 };
}

/** Bundles each function exactly as CDK does and measures size and module load time. */
export async function measureBundles(functions: Array<{ name: string; entry: string }>, outDir: string): Promise<BundleMeasurements> {
  await mkdir(outDir, { recursive: true });
  const empty = resolve(outDir, 'empty.mjs');
  await writeFile(empty, 'export const handler = async () => undefined;\n');
  const baselineLoadMs = loadTimeMs(empty);
  const sdkFloor = await measureOne({ contents: SDK_FLOOR_PROBE, resolveDir: REPO_ROOT, sourcefile: 'sdk-floor.ts', loader: 'ts' }, resolve(outDir, 'sdk-floor', 'index.mjs'));
  const figures: BundleFigure[] = [];
  for (const fn of functions) figures.push({ function: fn.name, entry: fn.entry, ...(await measureOne(fn.entry, resolve(outDir, fn.name, 'index.mjs'))) });
  return { baselineLoadMs: Math.round(baselineLoadMs * 10) / 10, sdkFloor, figures };
}

export const BENCH_DIR = join('.bench');
