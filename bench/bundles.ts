import { spawnSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPO_ROOT, bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';
import { median, round } from './support.ts';

export interface BundleFigure {
  function: string;
  entry: string;
  synchronous: boolean;
  minifiedKb: number;
  /** Median wall time of `import()` of the bundle in a fresh Node process. */
  moduleLoadMs: number;
  /** moduleLoadMs / the median of the SDK floor loads interleaved with this bundle's (same minutes of the run). */
  moduleLoadVsSdkFloor: number;
}

/** Loads per bundle; each function's are paired with as many loads of the SDK floor bundle. */
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);

/** Imports a file in a fresh process and reports how long the import took (ms). */
function loadOnceMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'ap-northeast-2', NODE_OPTIONS: '' },
  });
  if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}

/** Median of LOAD_RUNS loads (ms). */
function loadTimeMs(file: string): number {
  return median(Array.from({ length: LOAD_RUNS }, () => loadOnceMs(file)));
}

/**
 * LOAD_RUNS pairs of loads, `file` and the SDK floor back to back (which goes first alternates),
 * so a swing in the machine's speed reaches both sides of each ratio.
 */
function pairedLoads(file: string, floorFile: string): { ms: number[]; floorMs: number[] } {
  const ms: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i += 1) {
    if (i % 2 === 0) {
      ms.push(loadOnceMs(file));
      floorMs.push(loadOnceMs(floorFile));
    } else {
      floorMs.push(loadOnceMs(floorFile));
      ms.push(loadOnceMs(file));
    }
  }
  return { ms, floorMs };
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
  /** SDK_FLOOR_PROBE bundled like a function; its load time is the median of every load paired with a function. */
  sdkFloor: { minifiedKb: number; moduleLoadMs: number };
  figures: BundleFigure[];
}

async function bundleSizeKb(entry: Parameters<typeof bundleLambda>[0], outfile: string): Promise<number> {
  await bundleLambda(entry, outfile);
  return round((await stat(outfile)).size / 1024);
}

/** Bundles each function exactly as CDK does and measures its size and its module load time against the SDK floor's. */
export async function measureBundles(functions: ReadonlyArray<{ name: string; entry: string; synchronous: boolean }>, outDir: string): Promise<BundleMeasurements> {
  await mkdir(outDir, { recursive: true });
  const empty = resolve(outDir, 'empty.mjs');
  await writeFile(empty, 'export const handler = async () => undefined;\n');
  const baselineLoadMs = loadTimeMs(empty);
  const floorFile = resolve(outDir, 'sdk-floor', 'index.mjs');
  const floorKb = await bundleSizeKb({ contents: SDK_FLOOR_PROBE, resolveDir: REPO_ROOT, sourcefile: 'sdk-floor.ts', loader: 'ts' }, floorFile);
  const floorLoads: number[] = [];
  const figures: BundleFigure[] = [];
  for (const fn of functions) {
    const file = resolve(outDir, fn.name, 'index.mjs');
    const minifiedKb = await bundleSizeKb(fn.entry, file);
    const loads = pairedLoads(file, floorFile);
    floorLoads.push(...loads.floorMs);
    figures.push({
      function: fn.name,
      entry: fn.entry,
      synchronous: fn.synchronous,
      minifiedKb,
      moduleLoadMs: round(median(loads.ms)),
      moduleLoadVsSdkFloor: round(median(loads.ms) / median(loads.floorMs), 2),
    });
  }
  return { baselineLoadMs: round(baselineLoadMs), sdkFloor: { minifiedKb: floorKb, moduleLoadMs: round(median(floorLoads)) }, figures };
}

export const BENCH_DIR = join('.bench');
