import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { GATEWAY_ESBUILD_OPTIONS, REPO_ROOT } from '../../../lib/constructs/gateway-function-bundling.ts';

/*
 * The media address policy is bundled into most functions (through intake), which mostly never
 * fetch media. Its range tables used to be built at import with node:net's isIPv6, whose first
 * call compiles a large pattern: 4% of those functions' cold start (ADR 0008). This imports the
 * bundled module in a fresh process with node:net's checks counted.
 */

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('runs no address check while the module loads, and builds its tables on the first check', async () => {
  dir = await mkdtemp(join(tmpdir(), 'address-policy-'));
  const outfile = join(dir, 'address-policy.mjs');
  await build({
    ...GATEWAY_ESBUILD_OPTIONS,
    mainFields: [...GATEWAY_ESBUILD_OPTIONS.mainFields],
    external: [...GATEWAY_ESBUILD_OPTIONS.external],
    entryPoints: [join(REPO_ROOT, 'functions/adapters/media/address-policy.ts')],
    outfile,
    logLevel: 'error',
  });
  const script = `
    import net from 'node:net';
    import { syncBuiltinESMExports } from 'node:module';
    let calls = 0;
    const { isIPv4, isIPv6 } = net;
    net.isIPv4 = (text) => { calls += 1; return isIPv4(text); };
    net.isIPv6 = (text) => { calls += 1; return isIPv6(text); };
    syncBuiltinESMExports();
    const policy = await import(${JSON.stringify(outfile)});
    const atLoad = calls;
    const verdicts = ['fe80::1', '::ffff:127.0.0.1', '2600:1f18::1', '169.254.169.254'].map((address) => policy.checkAddress(address));
    process.stdout.write(JSON.stringify({ atLoad, afterChecks: calls, verdicts }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, NODE_OPTIONS: '' } });
  expect(result.stderr).toBe('');
  const { atLoad, afterChecks, verdicts } = JSON.parse(result.stdout) as { atLoad: number; afterChecks: number; verdicts: Array<{ allowed: boolean; reason?: string }> };
  expect(atLoad).toBe(0);
  expect(afterChecks).toBeGreaterThan(0);
  expect(verdicts.map((verdict) => verdict.allowed)).toEqual([false, false, true, false]);
  expect(verdicts[0]?.reason).toMatch(/link-local/);
  expect(verdicts[1]?.reason).toMatch(/IPv4-mapped 127\.0\.0\.1\) is loopback/);
});
