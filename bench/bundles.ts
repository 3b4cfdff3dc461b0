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
  /** Median CPU time (user + system) the process spent in that `import()`. */
  moduleLoadCpuMs: number;
  /** moduleLoadCpuMs / the median CPU time of the SDK floor loads interleaved with this bundle's. */
  moduleLoadVsSdkFloor: number;
}

/** Loads per bundle; each function's are paired with as many loads of the SDK floor bundle. */
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);

interface Load {
  wallMs: number;
  /**
   * What the load cost the process: parsing, compiling and evaluating the bundle. On a shared
   * machine the wall time mostly measures waiting for a core (ratios to the floor swung from 0.6
   * to 1.7 for the same bytes at load 17 on 2 cores), the CPU time does not (within 0.03).
   */
  cpuMs: number;
}

/** Imports a file in a fresh process and reports what the import took. */
function loadOnce(file: string): Load {
  const script =
    `const c=process.cpuUsage(),t=performance.now();await import(${JSON.stringify(file)});` +
    'const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(JSON.stringify([w,(u.user+u.system)/1000]));';
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'ap-northeast-2', NODE_OPTIONS: '' },
  });
  if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
  const [wallMs, cpuMs] = JSON.parse(result.stdout) as [number, number];
  return { wallMs, cpuMs };
}

const medianOf = (loads: readonly Load[], key: keyof Load) => median(loads.map((load) => load[key]));

/**
 * LOAD_RUNS pairs of loads, `file` and the SDK floor back to back (which goes first alternates),
 * so a change in the machine's speed during the run reaches both sides of each ratio.
 */
function pairedLoads(file: string, floorFile: string): { own: Load[]; floor: Load[] } {
  const own: Load[] = [];
  const floor: Load[] = [];
  for (let i = 0; i < LOAD_RUNS; i += 1) {
    if (i % 2 === 0) {
      own.push(loadOnce(file));
      floor.push(loadOnce(floorFile));
    } else {
      floor.push(loadOnce(floorFile));
      own.push(loadOnce(file));
    }
  }
  return { own, floor };
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
  /** Empty module: process and loader cost (median wall time). */
  baselineLoadMs: number;
  /** SDK_FLOOR_PROBE bundled like a function; load figures are medians of every load paired with a function. */
  sdkFloor: { minifiedKb: number; moduleLoadMs: number; moduleLoadCpuMs: number };
  figures: BundleFigure[];
}

async function bundleSizeKb(entry: Parameters<typeof bundleLambda>[0], outfile: string): Promise<number> {
  await bundleLambda(entry, outfile);
  return round((await stat(outfile)).size / 1024);
}

/** Bundles each function exactly as CDK does and measures its size and its module load against the SDK floor's. */
export async function measureBundles(functions: ReadonlyArray<{ name: string; entry: string; synchronous: boolean }>, outDir: string): Promise<BundleMeasurements> {
  await mkdir(outDir, { recursive: true });
  const empty = resolve(outDir, 'empty.mjs');
  await writeFile(empty, 'export const handler = async () => undefined;\n');
  const baselineLoadMs = medianOf(Array.from({ length: LOAD_RUNS }, () => loadOnce(empty)), 'wallMs');
  const floorFile = resolve(outDir, 'sdk-floor', 'index.mjs');
  const floorKb = await bundleSizeKb({ contents: SDK_FLOOR_PROBE, resolveDir: REPO_ROOT, sourcefile: 'sdk-floor.ts', loader: 'ts' }, floorFile);
  const floorLoads: Load[] = [];
  const figures: BundleFigure[] = [];
  for (const fn of functions) {
    const file = resolve(outDir, fn.name, 'index.mjs');
    const minifiedKb = await bundleSizeKb(fn.entry, file);
    const { own, floor } = pairedLoads(file, floorFile);
    floorLoads.push(...floor);
    figures.push({
      function: fn.name,
      entry: fn.entry,
      synchronous: fn.synchronous,
      minifiedKb,
      moduleLoadMs: round(medianOf(own, 'wallMs')),
      moduleLoadCpuMs: round(medianOf(own, 'cpuMs')),
      moduleLoadVsSdkFloor: round(medianOf(own, 'cpuMs') / medianOf(floor, 'cpuMs'), 2),
    });
  }
  return {
    baselineLoadMs: round(baselineLoadMs),
    sdkFloor: { minifiedKb: floorKb, moduleLoadMs: round(medianOf(floorLoads, 'wallMs')), moduleLoadCpuMs: round(medianOf(floorLoads, 'cpuMs')) },
    figures,
  };
}

export const BENCH_DIR = join('.bench');
