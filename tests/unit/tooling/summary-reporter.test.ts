import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../lib/constructs/gateway-function-bundling.ts';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'vitest-run');

/** A separate vitest run over the fixtures, as CI runs the suite: its exit code and its output. */
function runFixtures(): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(FIXTURES, 'vitest.config.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...env, CI: 'true' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the closing test line and the exit code of a run whose setup failed', () => {
  const run = runFixtures();

  it('counts the tests a failed beforeAll kept from running as failed, not skipped', () => {
    // suite-setup-fails: 2 failed, 1 passed, 1 skipped on purpose; file-setup-fails: 1 failed;
    // import-fails: no test collected, one failure; teardown-fails: 1 passed, the file one failure.
    expect(run.stdout).toContain('tests: 2 passed, 5 failed, 1 skipped');
  });

  it('exits non-zero, so CI fails', () => {
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
  });
});
