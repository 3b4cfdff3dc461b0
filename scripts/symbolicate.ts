/**
 * Turns a minified Lambda stack trace back into source positions. The deployed bundles carry no
 * source map (ADR 0008); esbuild rebuilds the same bytes from the same commit and lockfile, so a
 * map built now fits the deployed `index.mjs`.
 *
 *   npx tsx scripts/symbolicate.ts <function-name> < stack.txt
 *
 * Function names are those of lib/function-catalog.ts (e.g. intake-pipeline). Run it at the commit
 * that was deployed.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_FILE_NAME, REPO_ROOT, bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';

const FRAME = /([\w./\\:-]*index\.mjs):(\d+):(\d+)/g;

/** Replaces each `index.mjs:line:column` in `stack` with the original `source:line:column`. */
export function symbolicateStack(stack: string, map: SourceMapPayload): string {
  const sourceMap = new SourceMap(map);
  return stack.replace(FRAME, (frame, _file: string, line: string, column: string) => {
    const entry = sourceMap.findEntry(Number(line) - 1, Number(column) - 1);
    if (!('originalSource' in entry) || !entry.originalSource) return frame;
    return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** Bundles `entry` with a source map and returns the map; built two levels under the repository, so its sources read `functions/...`. */
export async function rebuildSourceMap(entry: string): Promise<SourceMapPayload> {
  await mkdir(join(REPO_ROOT, '.build'), { recursive: true });
  const dir = await mkdtemp(join(REPO_ROOT, '.build', 'symbolicate-'));
  try {
    const outfile = join(dir, BUNDLE_FILE_NAME);
    await bundleLambda(entry, outfile, { sourcemap: true });
    return JSON.parse(await readFile(`${outfile}.map`, 'utf8')) as SourceMapPayload;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const { ALL_LAMBDA_ENTRIES } = await import('../lib/function-catalog.ts');
  const fn = ALL_LAMBDA_ENTRIES.find((candidate) => candidate.name === name);
  if (!fn) {
    console.error(`usage: npx tsx scripts/symbolicate.ts <function> < stack.txt\nfunctions: ${ALL_LAMBDA_ENTRIES.map((f) => f.name).join(', ')}`);
    process.exit(2);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(symbolicateStack(Buffer.concat(chunks).toString('utf8'), await rebuildSourceMap(fn.entry)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
