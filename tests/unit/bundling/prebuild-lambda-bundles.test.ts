import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../../lib/constructs/gateway-function-bundling.ts';

/*
 * The bundler child process is replaced by a stand-in that writes what scripts/bundle-lambdas.ts
 * writes (<outdir>/<name>/index.mjs and <outdir>/<name>.inputs.json), so the cache's own logic runs
 * for real on two small fixture entries without esbuild.
 */
const runs = vi.hoisted(() => [] as string[][]);
vi.mock('node:child_process', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:child_process')>()),
  spawnSync: (_command: string, args: string[]) => {
    const [outDir, ...pairs] = args.slice(args.indexOf('--manifest') + 1);
    runs.push(pairs.map((pair) => pair.slice(pair.indexOf('=') + 1)));
    for (const pair of pairs) {
      const [name, entry] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const source = readFileSync(resolve(REPO_ROOT, entry));
      mkdirSync(join(outDir as string, name), { recursive: true });
      writeFileSync(join(outDir as string, name, 'index.mjs'), `// bundle of ${entry}\n${source.toString('utf8')}`);
      writeFileSync(join(outDir as string, `${name}.inputs.json`), JSON.stringify({ entry, inputs: { [entry]: createHash('sha256').update(source).digest('hex') } }));
    }
    return { status: 0, stdout: '', stderr: '' };
  },
}));

const { bundledHandlerDir, prebuildHandlerBundles } = await import('../../../lib/constructs/lambda-bundles.ts');

const ENTRIES = ['tests/fixtures/lambda-bundles/first-handler.ts', 'tests/fixtures/lambda-bundles/second-handler.ts'];
const made: string[] = [];

afterAll(() => {
  // <cache>/<entry hash>/<build>/asset: the fixture entries' folders leave the cache with the test.
  for (const asset of made) rmSync(dirname(dirname(asset)), { recursive: true, force: true });
});

describe('prebuilding the Lambda bundles before the test files start', () => {
  it('bundles every stale entry in one child process, and synthesis then finds them built', () => {
    prebuildHandlerBundles(ENTRIES);
    expect(runs).toEqual([ENTRIES]);

    for (const entry of ENTRIES) {
      const asset = bundledHandlerDir(entry);
      made.push(asset);
      expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toContain(`// bundle of ${entry}`);
    }
    expect(runs).toHaveLength(1);
  });

  it('bundles nothing when every entry is up to date, and only the stale one after a change', () => {
    const announced: string[][] = [];
    prebuildHandlerBundles(ENTRIES, (stale) => announced.push([...stale]));
    expect(announced).toEqual([]);
    expect(runs).toHaveLength(1);

    const second = resolve(REPO_ROOT, ENTRIES[1] as string);
    const original = readFileSync(second, 'utf8');
    try {
      writeFileSync(second, `${original}// changed\n`);
      prebuildHandlerBundles(ENTRIES, (stale) => announced.push([...stale]));
    } finally {
      writeFileSync(second, original);
    }
    expect(announced).toEqual([[ENTRIES[1]]]);
    expect(runs).toEqual([ENTRIES, [ENTRIES[1]]]);
  });
});
