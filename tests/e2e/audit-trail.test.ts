import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPk, seqSk } from '../../functions/adapters/dynamodb/audit-keys.ts';
import { digestKey } from '../../functions/adapters/audit/digest-key.ts';
import { addDays, kstDay } from '../../functions/core/kst.ts';
import { AuditTableReader } from '../support/audit-records.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const PHONE = '010-5151-6262';
const RRN = '900101-1234567';
const MESSAGE = '불법 주차 신고합니다 차량번호 12가3456';
/** Every form the citizen's number, RRN or words could take in a record, a digest or the audit API. */
const CLEAR_FORMS = ['01051516262', '1051516262', '+821051516262', '010-5151-6262', '5151-6262', '51516262', '9001011234567', RRN, '1234567', MESSAGE, '불법 주차', '12가3456'];

interface RecordView {
  eventId: string;
  at: string;
  actor: { subject: string; username: string };
  role: string;
  action: string;
  outcome: string;
  reason?: string;
  complaintId?: string;
  chain: { day: string; shard: number; seq: number };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the audit trail, end to end through the local gateway', () => {
  let gateway: TestGateway;
  let audit: AuditTableReader;
  let receiptNo: string;
  let complaintId: string;
  const answers: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    audit = new AuditTableReader(gateway.dynamoEndpoint, gateway.config.AUDIT_TABLE_NAME);
    const sent = await gateway.sms({ from: PHONE, body: `${MESSAGE} 주민번호 ${RRN}` });
    await gateway.settle();
    receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    // A supervisor lists the queue first: this finds the complaint without reading it.
    const list = await gateway.api<{ items: Array<{ complaintId: string; receiptNo: string }> }>('/api/complaints', {}, { as: 'supervisor' });
    complaintId = list.body.items.find((item) => item.receiptNo === receiptNo)?.complaintId ?? '';
  });
  afterAll(async () => {
    audit?.close();
    await gateway?.stop();
  });

  /** As the auditor, with every answer kept for the scan at the end. */
  const asAuditor = async <T>(path: string) => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${await gateway.tokenFor('auditor')}` } });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: JSON.parse(text) as T };
  };

  it('an auditor finds who read a citizen\'s complaint and when, newest first', async () => {
    const started = new Date().toISOString();
    expect((await gateway.api(`/api/complaints/${receiptNo}`)).status).toBe(200);
    const counselor2 = await gateway.staff.idTokenFor('counselor2@example.org');
    const second = await fetch(`${gateway.url}/api/complaints/${complaintId}`, { headers: { authorization: `Bearer ${counselor2}` } });
    expect(second.status).toBe(200);
    const finished = new Date().toISOString();

    const found = await asAuditor<{ records: RecordView[] }>(`/api/audit?complaintId=${complaintId}&action=complaint.read`);
    expect(found.status).toBe(200);
    expect(found.body.records.map((record) => [record.actor.username, record.role, record.outcome])).toEqual([
      ['counselor2@example.org', 'counselor', 'allowed'],
      ['counselor1@example.org', 'counselor', 'allowed'],
    ]);
    for (const record of found.body.records) {
      expect(record.at >= started && record.at <= finished, `${record.at} within the test`).toBe(true);
      // The receipt number the counselor typed is resolved: the record names the complaint.
      expect(record.complaintId).toBe(complaintId);
    }
  });

  it('an unmask gives the counselor the number once, needs a reason, is refused to auditors, and is recorded with the reason masked', async () => {
    const noReason = await gateway.api<{ error: string }>(`/api/complaints/${complaintId}/unmask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noReason.status).toBe(400);
    const unmasked = await audit.added(async () => {
      const response = await gateway.api<{ phoneNumber: string }>(`/api/complaints/${complaintId}/unmask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: `문자 회신 불가, ${PHONE} 로 전화 요청 (주민번호 ${RRN} 언급)` }),
      });
      expect(response).toEqual({ status: 200, body: expect.objectContaining({ phoneNumber: '+821051516262', complaintId, receiptNo }) });
    });
    expect(unmasked).toEqual([expect.objectContaining({ action: 'citizen.unmask', outcome: 'allowed', complaintId, reason: expect.stringContaining('전화 요청') })]);
    const refused = await gateway.api(`/api/complaints/${complaintId}/unmask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: '확인 필요' }) }, { as: 'auditor' });
    expect(refused.status).toBe(403);

    const listed = await asAuditor<{ records: RecordView[] }>('/api/audit?action=citizen.unmask');
    expect(listed.body.records.map((record) => [record.actor.username, record.outcome])).toEqual([
      ['auditor1@example.org', 'refused'],
      ['counselor1@example.org', 'allowed'],
    ]);
  });

  it('a record altered directly in the store is named by GET /api/audit/verify?day=', async () => {
    const today = kstDay(new Date());
    const clean = await asAuditor<{ ok: boolean; findings: unknown[] }>(`/api/audit/verify?day=${today}`);
    expect(clean.body).toMatchObject({ ok: false, digest: 'missing', findings: [] });

    const listing = await asAuditor<{ records: RecordView[] }>(`/api/audit?complaintId=${complaintId}&actor=counselor2@example.org`);
    const target = listing.body.records[0];
    if (!target) throw new Error('counselor2 read the complaint');
    // Someone with write access to the table makes the read look as if it came from elsewhere.
    await audit.documents.send(
      new UpdateCommand({ TableName: audit.tableName, Key: { pk: chainPk(target.chain), sk: seqSk(target.chain.seq) }, UpdateExpression: 'SET sourceIp = :ip', ExpressionAttributeValues: { ':ip': '10.9.8.7' } }),
    );
    const report = await asAuditor<{ ok: boolean; findings: Array<Record<string, unknown>> }>(`/api/audit/verify?day=${today}`);
    expect(report.body.ok).toBe(false);
    expect(report.body.findings).toEqual([expect.objectContaining({ problem: 'altered', shard: target.chain.shard, seq: target.chain.seq, eventId: target.eventId })]);
  });

  it('seals a finished day into DATA_DIR/audit on demand, write-once; today cannot be sealed yet', async () => {
    const yesterday = kstDay(addDays(new Date().toISOString(), -1));
    const seal = (day: string) => fetch(`${gateway.url}/local/audit/digest?day=${day}`, { method: 'POST' });
    expect(await (await seal(yesterday)).json()).toMatchObject({ day: yesterday, write: 'written', findings: 0 });
    expect(await (await seal(yesterday)).json()).toMatchObject({ day: yesterday, write: 'already-identical' });
    expect(existsSync(join(gateway.dataDir, 'audit', digestKey(yesterday)))).toBe(true);
    const today = await seal(kstDay(new Date()));
    expect(today.status).toBe(400);
    expect(((await today.json()) as { error: string }).error).toMatch(/not over yet/);
    const verified = await asAuditor<{ digest: string; ok: boolean }>(`/api/audit/verify?day=${yesterday}`);
    expect(verified.body).toMatchObject({ ok: true, digest: 'matched' });
  });

  it('no record, digest or audit API answer holds the citizen\'s number, RRN or message text', async () => {
    await asAuditor(`/api/audit?complaintId=${complaintId}`);
    await asAuditor(`/api/audit/review?month=${kstDay(new Date()).slice(0, 7)}`);
    const items = await audit.items();
    expect(items.length).toBeGreaterThan(5);
    const stored = [...items.map((item) => JSON.stringify(item)), ...filesUnder(join(gateway.dataDir, 'audit')).map((file) => readFileSync(file, 'utf8')), ...answers];
    const leaks = stored.flatMap((text) => CLEAR_FORMS.filter((form) => text.includes(form)).map((form) => `${form} in ${text.slice(0, 120)}`));
    expect(leaks).toEqual([]);
  });
});
