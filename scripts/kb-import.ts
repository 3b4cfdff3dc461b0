import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLocalConfig } from '../local/config.ts';
import { findRunningGateway } from '../local/running-gateway.ts';

/**
 * `npm run kb:import -- FILE [--token T] [--url U]`: imports a knowledge file into the running
 * local gateway (POST /api/knowledge/import, supervisor role) and prints what happened to each
 * row. The gateway is --url, then KB_GATEWAY_URL, then the one running on DATA_DIR, then HOST:PORT;
 * the bearer token comes from --token, then KB_TOKEN, then `npm run token -- supervisor` (asked of that gateway).
 * CSV is sent as bytes without a charset: the gateway tells UTF-8 from CP949 itself.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.json': 'application/json',
};

const fail = (message: string): never => {
  process.stderr.write(`kb:import: ${message}\n`);
  process.exit(1);
};

const { values, positionals } = parseArgs({ allowPositionals: true, options: { token: { type: 'string' }, url: { type: 'string' } } });
const file = positionals[0] ?? fail('usage: npm run kb:import -- FILE.csv|FILE.ndjson|FILE.json [--token TOKEN] [--url http://127.0.0.1:3120]');
const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? fail(`cannot tell the format of ${file}: name it .csv, .ndjson, .jsonl or .json`);
const config = loadLocalConfig();
const gateway = values.url ?? process.env.KB_GATEWAY_URL ?? (await findRunningGateway(config.dataDir))?.url ?? `http://${config.HOST}:${config.PORT}`;

function supervisorToken(): string {
  const given = values.token ?? process.env.KB_TOKEN;
  if (given) return given.trim();
  try {
    const out = execFileSync('npm', ['run', '--silent', 'token', '--', 'supervisor'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GATEWAY_URL: gateway },
    });
    const token = out.trim().split('\n').pop()?.trim();
    if (token) return token;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    fail(`could not get a supervisor token from \`npm run token -- supervisor\`${stderr ? ` (${stderr.split('\n').pop()})` : ''}; pass --token or set KB_TOKEN`);
  }
  return fail('`npm run token -- supervisor` printed no token; pass --token or set KB_TOKEN');
}

/** fetch, with the one line a person needs when the gateway is not there. */
async function call(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, gateway), init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return fail(code === 'ECONNREFUSED' ? `the local gateway is not running at ${gateway} (start it with \`npm start\`)` : `cannot reach ${gateway}: ${code ?? (error as Error).message}`);
  }
}

const body = await readFile(file).catch((error: NodeJS.ErrnoException) => fail(`cannot read ${file}: ${error.code ?? error.message}`));
await call('/health');
const token = supervisorToken();
const response = await call('/api/knowledge/import', { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body });
const text = await response.text();
if (!response.ok) fail(`${response.status} from ${gateway}: ${text}`);
const result = JSON.parse(text) as { imported: number; unchanged: number; rejected: { line: number; reason: string }[] };
process.stdout.write(`${file}: imported ${result.imported}, unchanged ${result.unchanged}, rejected ${result.rejected.length}\n`);
for (const row of result.rejected) process.stdout.write(`  line ${row.line}: ${row.reason}\n`);
