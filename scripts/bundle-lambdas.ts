/**
 * Bundles Lambda handlers with the gateway's esbuild options and plugins. CDK construction is
 * synchronous and esbuild plugins need its async API, so GatewayFunction runs this in a child
 * process (lib/constructs/lambda-bundles.ts).
 *
 *   npx tsx scripts/bundle-lambdas.ts [--sourcemap] [--manifest] <outdir> <name>=<entry> [...]
 *
 * Writes <outdir>/<name>/index.mjs for each pair; --sourcemap adds index.mjs.map (the code is the
 * same bytes as without it, so the map also fits the deployed bundle: scripts/symbolicate.ts);
 * --manifest writes <outdir>/<name>.inputs.json: every file esbuild read, with its sha256.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUNDLE_FILE_NAME, REPO_ROOT, bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';

const flags = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));
const [outDir, ...pairs] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = [...flags].filter((flag) => flag !== '--sourcemap' && flag !== '--manifest');
if (!outDir || pairs.length === 0 || unknown.length > 0) {
  console.error('usage: npx tsx scripts/bundle-lambdas.ts [--sourcemap] [--manifest] <outdir> <name>=<entry> [...]');
  process.exit(2);
}

/**
 * The inputs' hashes, read after the build. A file saved while esbuild ran would pair the new hash
 * with a bundle of the old text, so a build whose inputs changed since it started is refused.
 */
async function manifestOf(entry: string, inputs: readonly string[], startedAt: number): Promise<string> {
  const hashes: Record<string, string> = {};
  for (const path of inputs) {
    const file = resolve(REPO_ROOT, path);
    if ((await stat(file)).mtimeMs > startedAt) throw new Error(`${path} changed while ${entry} was being bundled; run again`);
    hashes[path] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return JSON.stringify({ entry, inputs: hashes });
}

await Promise.all(
  pairs.map(async (pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`expected <name>=<entry>, got ${pair}`);
    const [name, entry] = [pair.slice(0, at), pair.slice(at + 1)];
    const startedAt = Date.now();
    const result = await bundleLambda(resolve(REPO_ROOT, entry), join(outDir, name, BUNDLE_FILE_NAME), {
      sourcemap: flags.has('--sourcemap'),
      metafile: flags.has('--manifest'),
    });
    if (flags.has('--manifest')) await writeFile(join(outDir, `${name}.inputs.json`), await manifestOf(entry, Object.keys(result.metafile?.inputs ?? {}), startedAt));
  }),
);
