import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ESBUILD_OPTIONS, REPO_ROOT } from '../../../lib/constructs/gateway-function-bundling.ts';
import { sdkSchemaTreeShaking } from '../../../lib/constructs/sdk-schema-tree-shaking.ts';

/*
 * Most complaints API calls are reads; twitter-api-v2, most of the function's load above the SDK
 * floor, is imported on the first X reply (ADR 0008, "Reply channels"). web-push with its ASN.1,
 * JWS and payload-encryption packages is not in the reply functions at all: they publish
 * `reply.push_requested` and the chat push sender sends (ADR 0028). This bundles the
 * handlers with the gateway's options plus a probe that records, in the loading process, every
 * evaluated file of the probed packages, then imports the bundle in a fresh process: a module that
 * runs at import time is in the list, one deferred behind import() is not.
 */

const PROBED = /[\\/]node_modules[\\/](twitter-api-v2|web-push|http_ece|asn1\.js|jws|@aws-sdk[\\/]client-[a-z0-9-]+)[\\/].*\.js$/;

/** Prepends `globalThis.__evaluated.add(<package>)` to every file of the probed packages. */
function evaluationProbe(): Plugin {
  return {
    name: 'evaluation-probe',
    setup(probe) {
      probe.onLoad({ filter: PROBED }, async (args) => {
        const pkg = PROBED.exec(args.path)?.[1]?.replace('\\', '/') ?? '?';
        const source = await readFile(args.path, 'utf8');
        return { contents: `(globalThis.__evaluated ??= new Set()).add(${JSON.stringify(pkg)});\n${source}`, loader: 'js' };
      });
    },
  };
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reply-lazy-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bundles `entry` with the probe: the probed packages in the bundle, and those evaluated by importing it. */
async function probedPackages(entry: string): Promise<{ bundled: string[]; evaluated: string[] }> {
  const outfile = join(dir, entry.replace(/[\\/]/g, '_').replace(/\.ts$/, '.mjs'));
  await build({
    ...GATEWAY_ESBUILD_OPTIONS,
    mainFields: [...GATEWAY_ESBUILD_OPTIONS.mainFields],
    external: [...GATEWAY_ESBUILD_OPTIONS.external],
    entryPoints: [join(REPO_ROOT, entry)],
    outfile,
    logLevel: 'error',
    plugins: [evaluationProbe(), sdkSchemaTreeShaking()],
  });
  const script = `await import(${JSON.stringify(outfile)}); process.stdout.write(JSON.stringify([...(globalThis.__evaluated ?? [])].sort()));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, AWS_REGION: 'ap-northeast-2', NODE_OPTIONS: '' },
  });
  if (result.status !== 0) throw new Error(`importing ${entry} failed: ${result.stderr}`);
  const bundled = [...new Set([...(await readFile(outfile, 'utf8')).matchAll(/\.add\("([^"]+)"\)/g)].map((match) => match[1] ?? ''))].sort();
  return { bundled, evaluated: JSON.parse(result.stdout) as string[] };
}

/*
 * Only X is deferred. Deferring the SDK clients of the other reply channels
 * (Translate, End User Messaging, EventBridge, SQS, API Gateway Management) was measured and made
 * the load slower:
 * esbuild bundles a client reached through import() whole (every command) and wraps what it shares
 * with the eager code (ADR 0008).
 */
const DEFERRED = ['twitter-api-v2'];
/** Parsed at load even behind import(): ~116 KB that put the complaints API over its cold-start budget (ADR 0028). */
const WEB_PUSH = ['web-push', 'http_ece', 'asn1.js', 'jws'];

describe('reply-side modules in the Lambda bundles', () => {
  it.each(['functions/handlers/complaints-api.ts', 'functions/handlers/reply-retry.ts'])(
    '%s does not evaluate the X client library at import and does not bundle web-push',
    async (entry) => {
      const { bundled, evaluated } = await probedPackages(entry);
      // The probe works: the table and the PII secret are read on every call.
      expect(evaluated).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager']));
      // X replies are still in the function, behind import().
      expect(bundled).toEqual(expect.arrayContaining(DEFERRED));
      expect(evaluated.filter((pkg) => DEFERRED.includes(pkg))).toEqual([]);
      expect(bundled.filter((pkg) => WEB_PUSH.includes(pkg))).toEqual([]);
    },
    120_000,
  );

  it('the chat push sender bundles web-push (the only function that sends Web Push)', async () => {
    const { bundled } = await probedPackages('functions/handlers/chat-push-sender.ts');
    expect(bundled).toEqual(expect.arrayContaining(WEB_PUSH));
  }, 120_000);
});
