import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ExportDatabase, type QueryResult } from '../../functions/adapters/export/duckdb-exports.ts';
import { DynamoAuditStore } from '../../functions/adapters/dynamodb/audit-store.ts';
import { ensureAuditTable } from '../../functions/adapters/dynamodb/audit-table.ts';
import { recordAccess } from '../../functions/core/audit/record-access.ts';
import { auditComplaintId, auditReason, citizenKeyHash } from '../../functions/core/audit/model.ts';
import { embeddedDynamoClient } from '../../local/embedded-dynamodb.ts';
import { exportLocalStore, exportsFolder } from '../../local/export-store.ts';
import { ManualClock } from '../support/in-memory-ports.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '..', '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

const CITIZEN = '010-2345-6789';
const OTHER = '010-8765-4321';
const RRN = '900101-1234567';
const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1];

/** The ```sql blocks of the SQL section of the auditing runbook, in order: the documented queries. */
async function documentedQueries(): Promise<string[]> {
  const page = await readFile(join(REPO, 'docs', 'operations', 'auditing.md'), 'utf8');
  const section = page.slice(page.indexOf('\n## SQL\n'));
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
}

const objects = (result: QueryResult) =>
  result.rows.map((row) => Object.fromEntries(result.columns.map((name, i) => [name, typeof row[i] === 'string' && /^\d+$/.test(row[i] as string) && name !== 'kst_day' ? Number(row[i]) : row[i]])));

describe('SQL over the exports: SMS in, reply out, accesses recorded, export, the documented queries on DuckDB', () => {
  let gateway: TestGateway;
  let database: ExportDatabase;
  let queries: string[];
  let citizenHash: string;
  let receipt: string;
  let complaintId: string;
  let counselor: string;

  beforeAll(async () => {
    // March 2nd 2026, 10:00 KST: the day the documented queries ask about.
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    gateway = await startTestGateway({ clock });
    const first = await gateway.sms({ from: CITIZEN, body: `불법 주차 신고합니다. 연락처 ${CITIZEN}, 주민번호 ${RRN}` });
    receipt = receiptOf(first.body)!;
    await gateway.sms({ from: OTHER, body: '가로등이 고장났습니다' });
    await gateway.settle();
    const detail = await gateway.api<{ complaintId: string }>(`/api/complaints/${receipt}`);
    complaintId = detail.body.complaintId;
    const reply = await gateway.api<{ delivery: string }>(`/api/complaints/${complaintId}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `구청 교통과에서 처리하겠습니다. ${CITIZEN}로 연락드리겠습니다`, replyId: 'reply-sql-1' }),
    });
    expect(reply.body.delivery).toBe('sent');
    counselor = gateway.staff.config.users.find((user) => user.role === 'counselor')!.username;

    // The script an auditor runs, against the gateway's own keys.
    citizenHash = (await run(TSX, ['scripts/citizen-hash.ts', '+82 10 2345 6789'], { cwd: REPO, env: { ...process.env, DATA_DIR: gateway.dataDir } })).stdout.trim();

    // Access records through the audit trail's own use case, in an audit table of their own on the
    // same store: known actors at known times (the gateway's own table also holds the records of
    // this test's staff calls, made at the wall clock's time).
    const client = embeddedDynamoClient(gateway.dynamoEndpoint);
    await ensureAuditTable(client, 'audit');
    const audit = { store: new DynamoAuditStore(DynamoDBDocumentClient.from(client), 'audit'), clock, shards: 8 };
    const request = (id: string) => ({ requestId: id, at: clock.now().toISOString(), sourceIp: '203.0.113.7', route: 'GET /api/complaints/{id}' });
    const kim = { subject: 'sub-kim', username: 'kim', role: 'counselor' as const };
    await recordAccess(audit, kim, request('r1'), { action: 'complaint.read', complaintId: auditComplaintId(complaintId) });
    clock.set('2026-03-02T02:00:00.000Z');
    await recordAccess(audit, kim, request('r2'), { action: 'citizen.unmask', citizenKeyHash: citizenKeyHash(citizenHash), reason: auditReason(`콜백 요청 ${CITIZEN}`) });
    await recordAccess(audit, { subject: 'sub-lee', username: 'lee', role: 'counselor' }, request('r3'), { action: 'complaints.list', resultCount: 2 });
    client.destroy();

    await exportLocalStore({ dataDir: gateway.dataDir, tableName: gateway.config.TABLE_NAME, auditTableName: 'audit', endpoint: gateway.dynamoEndpoint, now: new Date() });
    database = await ExportDatabase.open(exportsFolder(gateway.dataDir));
    queries = await documentedQueries();
  }, 120_000);

  afterAll(async () => {
    database?.close();
    await gateway?.stop();
  });

  it('documents four queries', () => {
    expect(queries).toHaveLength(4);
  });

  it('volume by channel and day: two SMS complaints on March 2nd (KST)', async () => {
    expect(objects(await database.query(queries[0]!))).toEqual([{ kst_day: '2026-03-02', channel: 'sms', complaints: 2 }]);
  });

  it("every access to one citizen's data: the read of their complaint and the unmask, newest first, not the listing", async () => {
    const sql = queries[1]!.replaceAll('REPLACE-WITH-THE-CITIZEN-KEY-HASH', citizenHash);
    expect(objects(await database.query(sql))).toEqual([
      { accessed_at: '2026-03-02T02:00:00.000Z', actor_username: 'kim', role: 'counselor', action: 'citizen.unmask', outcome: 'allowed', complaint_id: null, reason: '콜백 요청 010-****-6789' },
      { accessed_at: '2026-03-02T01:00:00.000Z', actor_username: 'kim', role: 'counselor', action: 'complaint.read', outcome: 'allowed', complaint_id: complaintId, reason: null },
    ]);
  });

  it('replies per counselor: the one sent reply, by the signed-in counselor', async () => {
    expect(objects(await database.query(queries[2]!))).toEqual([{ counselor, replies: 1, sent: 1 }]);
  });

  it("a receipt number gives the citizen's key hash, the same the citizen-hash script computes", async () => {
    expect(objects(await database.query(queries[3]!.replace('20260302-ABCDE-FGHJK', receipt)))).toEqual([{ citizen_key_hash: citizenHash }]);
  });

  it('exports no clear phone number or resident registration number anywhere, and masked text instead', async () => {
    const folder = exportsFolder(gateway.dataDir);
    const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(5);
    const all = (await Promise.all(files.map((name) => readFile(join(folder, name), 'utf8')))).join('');
    for (const clear of [CITIZEN, CITIZEN.replaceAll('-', ''), '2345', OTHER, '8765', RRN, RRN.replace('-', ''), '1234567']) expect(all).not.toContain(clear);
    const messages = objects(await database.query(`SELECT text_masked FROM messages WHERE complaint_id = '${complaintId}'`));
    expect(messages).toEqual([{ text_masked: '불법 주차 신고합니다. 연락처 010-****-6789, 주민번호 900101-1******' }]);
  });

  it('npm run sql prints the answer as a table', async () => {
    const { stdout } = await run(TSX, ['scripts/sql.ts', queries[0]!], { cwd: REPO, env: { ...process.env, DATA_DIR: gateway.dataDir } });
    expect(stdout.split('\n').slice(0, 4)).toEqual(['kst_day    | channel | complaints', '-----------+---------+-----------', '2026-03-02 | sms     | 2', '(1 row)']);
  });
});
