import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs `npm run sms` as a user would (through tsx), with exactly the environment given. */
function runSms(env: Record<string, string>, text: string, args: readonly string[] = ['--from', '010-2323-4545']): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PATH = '', HOME = '' } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'scripts/local-sms.ts', ...args, text], { env: { PATH, HOME, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run sms (scripts/local-sms.ts)', () => {
  let gateway: TestGateway;
  let emptyDir: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
    emptyDir = await mkdtemp(join(tmpdir(), 'no-gateway-'));
  });
  afterAll(async () => {
    await gateway?.stop();
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('prints one clear line, not a stack trace, when no gateway is running', async () => {
    const result = await runSms({ DATA_DIR: emptyDir, PORT: String(await closedPort()) }, '아무도 없나요');
    expect(result.code).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^no local gateway answers at http:\/\/127\.0\.0\.1:\d+ .*npm start/);
  });

  it('answers an option it does not know with its usage in one line, not a stack trace', async () => {
    const result = await runSms({ DATA_DIR: emptyDir, PORT: String(await closedPort()) }, '본문', ['--body']);
    expect(result.code).toBe(2);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Unknown option '--body'.*usage: npm run sms -- \[--from <number>\]/);
  });

  it('finds the running gateway through its data dir when it runs on another port, with no PORT given', async () => {
    const result = await runSms({ DATA_DIR: gateway.dataDir }, '다른 포트의 게이트웨이');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^200 .*\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
  });
});
