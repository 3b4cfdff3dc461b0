#!/usr/bin/env node
// Architectural lint: keeps the pure core free of AWS and I/O, and domain code free of `any`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
const forbiddenInCore = [
  /from\s+['"]@aws-sdk\//,
  /from\s+['"]@aws-lambda-powertools\//,
  /from\s+['"](node:)?(fs|fs\/promises|http|https|net|dgram|child_process)['"]/,
  /(^|[^.\w])fetch\s*\(\s*["'`]/,
  /\bprocess\.env\b/,
];
const onlyAdaptersMayImportSdk = /from\s+['"]@aws-sdk\//;

for (const file of walk(join(root, 'functions'))) {
  const rel = relative(root, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    if (rel.startsWith('functions/core/')) {
      for (const rule of forbiddenInCore) {
        if (rule.test(line)) problems.push(`${where} core must not do I/O or import AWS: ${line.trim()}`);
      }
    }
    if (onlyAdaptersMayImportSdk.test(line) && !/^functions\/(adapters|wiring|channels\/[^/]+\/senders?)\b/.test(rel)) {
      problems.push(`${where} only adapters/ and wiring/ may import @aws-sdk: ${line.trim()}`);
    }
    if (/(:\s*any\b|<any>|as any\b)/.test(line)) problems.push(`${where} no \`any\` in domain code`);
    // The `z` export of 'zod' drags every locale into a bundle (~440 KB); the namespace import tree-shakes.
    if (/import\s*\{\s*z\b[^}]*\}\s*from\s*['"]zod['"]/.test(line)) problems.push(`${where} use \`import * as z from 'zod'\` (bundle size)`);
  });
}
for (const file of walk(join(root, 'schemas'))) {
  const rel = relative(root, file);
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (/(:\s*any\b|<any>|as any\b)/.test(line)) problems.push(`${rel}:${i + 1} no \`any\` in schemas`);
    if (/import\s*\{\s*z\b[^}]*\}\s*from\s*['"]zod['"]/.test(line)) problems.push(`${rel}:${i + 1} use \`import * as z from 'zod'\` (bundle size)`);
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`lint-core: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint-core: functions/ and schemas/ clean');
