/**
 * Where the bytes of one Lambda bundle come from: bundles an entry exactly as CDK and the
 * benchmark do (bundleLambda) and prints the heaviest packages and files.
 *
 *   npx tsx bench/analyze-bundle.ts functions/handlers/sms-eum-sns.ts [--files 30] [--why schemas/knowledge.ts]
 *
 * `--why <part of a path>` prints the import chain from the entry to the first input whose path
 * contains it: how a package or schema file got into the bundle.
 */
import { bundleLambda } from '../lib/constructs/gateway-function-bundling.ts';

/** `node_modules/@scope/name/...` -> `@scope/name`; our own files -> their top folder. */
function packageOf(path: string): string {
  const marker = 'node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return `(ours) ${path.split('/').slice(0, 2).join('/')}`;
  const parts = path.slice(at + marker.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1).padStart(8);
}

/** Breadth-first over the reversed import graph: the shortest chain from the entry to `target`. */
function importChain(inputs: Record<string, { imports: ReadonlyArray<{ path: string }> }>, entry: string, target: string): string[] | null {
  const found = Object.keys(inputs).find((path) => path.includes(target));
  if (!found) return null;
  const importers = new Map<string, string[]>();
  for (const [path, { imports }] of Object.entries(inputs)) {
    for (const { path: imported } of imports) importers.set(imported, [...(importers.get(imported) ?? []), path]);
  }
  const towardTarget = new Map<string, string | null>([[found, null]]);
  const queue = [found];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current.endsWith(entry)) {
      const chain: string[] = [];
      for (let at: string | null | undefined = current; at; at = towardTarget.get(at)) chain.push(at);
      return chain;
    }
    for (const importer of importers.get(current) ?? []) {
      if (!towardTarget.has(importer)) {
        towardTarget.set(importer, current);
        queue.push(importer);
      }
    }
  }
  return [found];
}

async function main(): Promise<void> {
  const [entry, ...rest] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: npx tsx bench/analyze-bundle.ts <entry.ts> [--files N]');
    process.exit(2);
  }
  const filesFlag = rest.indexOf('--files');
  const fileCount = filesFlag >= 0 ? Number(rest[filesFlag + 1] ?? 25) : 25;
  const whyFlag = rest.indexOf('--why');
  const why = whyFlag >= 0 ? rest[whyFlag + 1] : undefined;

  const result = await bundleLambda(entry, 'analyze.mjs', { sourcemap: false, metafile: true, write: false });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  if (!output) throw new Error('esbuild produced no output');
  if (why) {
    const chain = importChain(result.metafile?.inputs ?? {}, entry.replace(/^\.\//, ''), why);
    console.log(chain ? chain.join('\n  -> ') : `no input of ${entry}'s bundle matches "${why}"`);
    return;
  }

  const byPackage = new Map<string, number>();
  const files: Array<[string, number]> = [];
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytesInOutput);
    files.push([path, bytesInOutput]);
  }

  console.log(`${entry}: ${kb(output.bytes)} KB minified (${files.length} inputs with output bytes)\n`);
  console.log('KB by package');
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`${kb(bytes)}  ${name}`);
  console.log(`\nTop ${fileCount} files`);
  for (const [path, bytes] of files.sort((a, b) => b[1] - a[1]).slice(0, fileCount)) console.log(`${kb(bytes)}  ${path}`);
}

await main();
