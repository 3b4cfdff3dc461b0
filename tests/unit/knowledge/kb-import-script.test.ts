import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = new URL('../../../scripts/kb-import.ts', import.meta.url).pathname;
const NDJSON = new URL('../../fixtures/knowledge/two-cases.ndjson', import.meta.url).pathname;

async function kbImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { env: { ...process.env, KB_TOKEN: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run kb:import', () => {
  const received: { path?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/health' ? '{"ok":true}' : JSON.stringify({ imported: 1, unchanged: 0, rejected: [{ line: 2, reason: '질문 is empty' }] }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the file to /api/knowledge/import with its content type and the bearer token, and prints every rejected line', async () => {
    const out = await kbImport([NDJSON, '--url', url, '--token', 'tok-123']);
    expect(out.code).toBe(0);
    const post = received.find((r) => r.path === '/api/knowledge/import');
    expect(post?.headers['content-type']).toBe('application/x-ndjson');
    expect(post?.headers.authorization).toBe('Bearer tok-123');
    expect(post?.body).toContain('"caseId":"kb-script-1"');
    expect(out.stdout).toBe(`${NDJSON}: imported 1, unchanged 0, rejected 1\n  line 2: 질문 is empty\n`);
  });

  it('says in one line that the gateway is not running', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const out = await kbImport([NDJSON, '--url', `http://127.0.0.1:${port}`, '--token', 't']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`kb:import: the local gateway is not running at http://127.0.0.1:${port} (start it with \`npm start\`)\n`);
  });
});
