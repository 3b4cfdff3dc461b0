// Weight of the citizen app's shell: the JavaScript and CSS the service worker keeps
// (web/chat/sw.js SHELL) plus the worker itself, raw and gzip-compressed (what CloudFront sends).
// `npx tsx scripts/app-shell-weight.ts [--json]`
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../web/chat/', import.meta.url));

/** The files listed in sw.js's SHELL array. */
export function shellFiles(): string[] {
  const source = readFileSync(`${ROOT}sw.js`, 'utf8');
  const list = /const SHELL = \[([\s\S]*?)\];/.exec(source)?.[1];
  if (!list) throw new Error('sw.js has no SHELL list');
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

export function shellWeight(): { files: Array<{ file: string; bytes: number; gzip: number }>; bytes: number; gzip: number } {
  const code = [...shellFiles().filter((file) => /\.(js|css)$/.test(file)), 'sw.js'];
  const files = code.map((file) => {
    const body = readFileSync(`${ROOT}${file}`);
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((sum, f) => sum + f.bytes, 0), gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const weight = shellWeight();
  if (process.argv.includes('--json')) console.log(JSON.stringify(weight));
  else {
    for (const { file, bytes, gzip } of weight.files) console.log(`${file.padEnd(20)} ${String(bytes).padStart(7)} B  ${String(gzip).padStart(6)} B gzip`);
    console.log(`${'total JS + CSS'.padEnd(20)} ${String(weight.bytes).padStart(7)} B  ${String(weight.gzip).padStart(6)} B gzip`);
  }
}
