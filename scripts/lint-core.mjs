#!/usr/bin/env node
// Architectural lint: keeps the pure core free of AWS and I/O, and domain code free of `any`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

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

// Lambda code validates with zod/mini through schemas/zod-mini.ts (ADR 0008): classic zod costs
// ~60 KB more per bundle. lib/, local/ and tests are not bundled and may keep classic zod.
const ZOD_WRAPPER = 'schemas/zod-mini.ts';
const classicZod = /^zod(\/v4|\/v4\/classic|\/v3)?$/;
const miniZod = /^zod\/(mini|v4\/mini|v4-mini)$/;

/** Every static import/export-from and dynamic import of a zod module in a file, with its line. */
function zodImports(text) {
  const found = [];
  const pattern = /\b(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"](zod[^'"]*)['"]|\bimport\s*\(\s*['"](zod[^'"]*)['"]/g;
  for (const match of text.matchAll(pattern)) {
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ line, typeOnly: match[2] !== undefined, module: match[3] ?? match[4], statement: match[0].replace(/\s+/g, ' ') });
  }
  return found;
}

function checkZodImports(rel, text) {
  for (const { line, typeOnly, module, statement } of zodImports(text)) {
    const where = `${rel}:${line}`;
    if (classicZod.test(module)) {
      problems.push(`${where} classic zod is not allowed here; \`import * as z from '${ZOD_WRAPPER}'\` (zod/mini, bundle size): ${statement}`);
    } else if (miniZod.test(module)) {
      if (!typeOnly && rel !== ZOD_WRAPPER) problems.push(`${where} import zod/mini through ${ZOD_WRAPPER} (it registers the English messages): ${statement}`);
    } else if (module === 'zod/v4/core') {
      if (!typeOnly) problems.push(`${where} only \`import type\` from zod/v4/core; values come from ${ZOD_WRAPPER}: ${statement}`);
    } else if (!(rel === ZOD_WRAPPER && module === 'zod/locales')) {
      problems.push(`${where} unexpected zod module '${module}': ${statement}`);
    }
  }
}

for (const file of walk(join(root, 'functions'))) {
  const rel = relative(root, file);
  const text = readFileSync(file, 'utf8');
  checkZodImports(rel, text);
  text.split('\n').forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    if (rel.startsWith('functions/core/')) {
      for (const rule of forbiddenInCore) {
        if (rule.test(line)) problems.push(`${where} core must not do I/O or import AWS: ${line.trim()}`);
      }
    }
    // Dependencies point one way: handlers -> wiring -> adapters/channels -> core. Core names the
    // ports it needs and is handed their implementations; wiring never reaches back into handlers.
    const imported = /^\s*(?:import|export)\b[^'"]*['"]([^'"]+)['"]/.exec(line)?.[1];
    if (imported?.startsWith('.')) {
      const target = relative(root, join(dirname(file), imported));
      if (rel.startsWith('functions/core/') && /^functions\/(channels|adapters|handlers|wiring)\//.test(target)) {
        problems.push(`${where} core must not import ${target.split('/')[1]}/ (take it as a port): ${line.trim()}`);
      }
      if (rel.startsWith('functions/wiring/') && target.startsWith('functions/handlers/')) {
        problems.push(`${where} wiring must not import handlers (the deps type belongs in functions/wiring/deps/): ${line.trim()}`);
      }
    }
    if (onlyAdaptersMayImportSdk.test(line) && !/^functions\/(adapters|wiring|channels\/[^/]+\/senders?)\b/.test(rel)) {
      problems.push(`${where} only adapters/ and wiring/ may import @aws-sdk: ${line.trim()}`);
    }
    if (/(:\s*any\b|<any>|as any\b)/.test(line)) problems.push(`${where} no \`any\` in domain code`);
  });
}
for (const file of walk(join(root, 'schemas'))) {
  const rel = relative(root, file);
  const text = readFileSync(file, 'utf8');
  checkZodImports(rel, text);
  text.split('\n').forEach((line, i) => {
    if (/(:\s*any\b|<any>|as any\b)/.test(line)) problems.push(`${rel}:${i + 1} no \`any\` in schemas`);
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`lint-core: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint-core: functions/ and schemas/ clean');
