import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/in-memory-ports.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface OutboxBody {
  items: Array<{ to: string; body: string; idempotencyKey: string }>;
}
interface ListBody {
  items: Array<{ complaintId: string; receiptNo: string }>;
}

const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1] ?? '';

/*
 * The citizen side over HTTP on the local gateway: a counselor's status change reaches the
 * citizen's phone (the local outbox), a status keyword texted in is answered with the status, and
 * the public lookup answers receipt number + phone digits, outside the staff API.
 */
describe('local gateway: notices and status lookup end to end', () => {
  let gateway: TestGateway;
  // Daytime in Seoul: notices are not held for the morning.
  const clock = new ManualClock(new Date('2026-12-07T14:00:00+09:00').toISOString());

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
  });
  afterAll(async () => gateway?.stop());

  async function outbox(): Promise<OutboxBody['items']> {
    await gateway.settle();
    await gateway.notices.idle();
    return (await gateway.api<OutboxBody>('/api/outbox')).body.items;
  }

  async function complaintFrom(from: string, body: string): Promise<{ complaintId: string; receiptNo: string }> {
    const sent = await gateway.sms({ from, body });
    const receiptNo = receiptOf(sent.body);
    await gateway.settle();
    const detail = await gateway.api<{ complaintId: string; receiptNo: string }>(`/api/complaints/${receiptNo}`);
    expect(detail.status).toBe(200);
    return detail.body;
  }

  it('texts the citizen when a counselor takes the complaint up, in their language, with the receipt number', async () => {
    const { complaintId, receiptNo } = await complaintFrom('010-2222-3131', 'The drain on my street is blocked');
    const changed = await gateway.api(`/api/complaints/${complaintId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', reason: '현장 확인 중' }),
    });
    expect(changed.status).toBe(200);
    const sent = (await outbox()).filter((item) => item.idempotencyKey.startsWith(complaintId));
    expect(sent).toEqual([{ to: '+82 10-****-3131', body: `[Seoul 120] A counselor has started working on your complaint ${receiptNo}.`, idempotencyKey: `${complaintId}:taken_up:v2`, providerMessageId: expect.any(String), at: expect.any(String) }]);
  });

  // The workspace's deadline and agency actions (complaints API) announce on the bus the notice
  // function reads; a retried action must not text the citizen twice.
  it('texts the citizen once for a deadline extension and once for a transfer made in the workspace, however often the action is retried', async () => {
    const { complaintId, receiptNo } = await complaintFrom('010-2222-6161', '보도블록이 깨져 있어요');
    const post = (path: string, body: unknown) =>
      gateway.api(`/api/complaints/${complaintId}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await post('deadline-extension', { reason: '현장 점검 일정', extensionNumber: 1 })).status).toBe(200);
      expect((await post('assignment', { agency: '마포구청', reason: '관할 구청 소관' })).status).toBe(200);
    }
    const sent = (await outbox()).filter((item) => item.idempotencyKey.startsWith(`${complaintId}:`));
    expect(sent.map((item) => item.idempotencyKey).sort()).toEqual([`${complaintId}:deadline_extended:x1`, `${complaintId}:transferred:v3`]);
    expect(sent.find((item) => item.idempotencyKey.endsWith(':x1'))?.body).toContain(`접수번호 ${receiptNo}`);
    expect(sent.find((item) => item.idempotencyKey.endsWith(':v3'))?.body).toContain('담당: 마포구청');
  });

  it('answers "상태 <receipt number>" texted from the complaint\'s own number with its status, and files nothing', async () => {
    const { complaintId, receiptNo } = await complaintFrom('010-2222-4141', '가로등이 꺼져 있어요');
    const asked = await gateway.sms({ from: '010-2222-4141', body: `상태 ${receiptNo}` });
    expect(asked.status).toBe(200);
    expect(asked.body).not.toContain('접수번호');
    const answers = (await outbox()).filter((item) => item.idempotencyKey.startsWith('sms:status_reply:'));
    expect(answers.map((item) => item.body)).toContainEqual(expect.stringMatching(new RegExp(`^\\[서울시 120\\] 접수번호 ${receiptNo}: 접수\\. 처리 기한: `)));
    const detail = await gateway.api<{ messages: unknown[] }>(`/api/complaints/${complaintId}`);
    expect(detail.body.messages).toHaveLength(1);
    const list = await gateway.api<ListBody>('/api/complaints?limit=100');
    expect(list.body.items.filter((item) => item.receiptNo === receiptNo)).toHaveLength(1);
  });

  it('serves GET /public/status without a token: the status for the right pair, the same 404 for a wrong one, 429 once the receipt is locked', async () => {
    const { receiptNo } = await complaintFrom('010-2222-5151', '공원 벤치가 부서졌어요');
    const lookup = (query: string) => fetch(`${gateway.url}/public/status?${query}`);
    const found = await lookup(`receiptNo=${receiptNo}&phoneLast4=5151&lang=vi`);
    expect(found.status).toBe(200);
    expect(found.headers.get('access-control-allow-origin')).toBe('*');
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(await found.json()).toMatchObject({ receiptNo, status: 'received', statusLabel: 'Đã tiếp nhận', language: 'vi', answered: false, history: [{ status: 'received', label: 'Đã tiếp nhận' }] });

    const wrong = await lookup(`receiptNo=${receiptNo}&phoneLast4=0000`);
    const unknown = await lookup('receiptNo=20261207-ZZZZZ-ZZZZZ&phoneLast4=5151');
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect(await wrong.json()).toEqual(await unknown.json());
    for (let i = 0; i < 4; i += 1) await lookup(`receiptNo=${receiptNo}&phoneLast4=0000`);
    const locked = await lookup(`receiptNo=${receiptNo}&phoneLast4=5151`);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(await lookup('receiptNo=nonsense&phoneLast4=12')).toHaveProperty('status', 400);
  });
});
