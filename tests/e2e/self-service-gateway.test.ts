import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { kstDay } from '../../functions/core/kst.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const VISIT = 'visit-e2e-0001';
const INTERNAL_NOTE = '내부 메모: 담당자 직통 02-2133-0000';

const CASES = [
  {
    caseId: 'ss-parking',
    category: '주차',
    title: '불법 주정차 신고 방법',
    question: '집 앞 불법 주정차는 어떻게 신고하나요?',
    answer: '안전신문고 앱으로 사진 두 장을 1분 간격으로 찍어 신고합니다.',
    translations: { en: { title: 'How to report illegal parking', answer: 'Report it in the Safety e-Report app with two photos a minute apart.' } },
  },
  { caseId: 'ss-water', category: '상수도', title: '수도요금 고지서 재발급', question: '수도요금 고지서를 다시 받을 수 있나요?', answer: '아리수 누리집에서 고객번호로 재발급합니다.' },
  { caseId: 'ss-boat', category: '관광', title: '한강 유람선 야간 운항', question: '한강 유람선은 밤에도 운항하나요?', answer: '야간 운항은 금요일과 토요일입니다.' },
  { caseId: 'ss-draft', category: '주차', title: '주차 요금 초안', question: '주차 요금 초안', answer: '초안입니다.', status: 'draft' },
];

async function chatToken(gateway: TestGateway, phone: string): Promise<string> {
  const post = (path: string, body: unknown) => fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/chat/accounts', { name: '김민원', phone })).status).toBe(202);
  const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox', {}, { as: 'supervisor' });
  const code = /(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1];
  const verified = await post('/chat/accounts/verify', { phone, code });
  expect(verified.status).toBe(201);
  return ((await verified.json()) as { token: string }).token;
}

/** Sends one frame on a fresh connection and waits for its ack. */
async function sendChat(gateway: TestGateway, token: string, frame: object): Promise<{ type: string; receiptNo?: string }> {
  const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/chat`, ['citizen-chat', token]);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answer = new Promise<{ type: string; receiptNo?: string }>((resolve) =>
    socket.on('message', (data) => {
      const parsed = JSON.parse(String(data)) as { type: string; receiptNo?: string };
      if (parsed.type === 'ack' || parsed.type === 'error') resolve(parsed);
    }),
  );
  socket.send(JSON.stringify(frame));
  const result = await answer;
  socket.close();
  return result;
}

describe('self-service answers through the local gateway', () => {
  let gateway: TestGateway;
  const get = (path: string) => fetch(`${gateway.url}${path}`);

  beforeAll(async () => {
    gateway = await startTestGateway();
    const imported = await gateway.api<{ imported: number }>(
      '/api/knowledge/import',
      { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: CASES.map((c) => JSON.stringify(c)).join('\n') },
      { as: 'supervisor' },
    );
    expect(imported.body.imported).toBe(4);
    const retired = await gateway.api('/api/knowledge/cases/ss-boat/retire', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expectedVersion: 1, note: INTERNAL_NOTE }) }, { as: 'supervisor' });
    expect(retired.status).toBe(200);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('searches published answers without a token, in Korean and in a stored translation, never a draft or a retired case', async () => {
    const korean = await get(`/answers/search?q=${encodeURIComponent('불법주차 신고')}&lang=ko&visit=${VISIT}`);
    expect(korean.status).toBe(200);
    const body = (await korean.json()) as { items: Array<{ caseId: string; title: string; language: string; koreanFallback: boolean }> };
    expect(body.items[0]).toMatchObject({ caseId: 'ss-parking', title: '불법 주정차 신고 방법', language: 'ko', koreanFallback: false });

    const english = (await (await get(`/answers/search?q=${encodeURIComponent('illegal parking')}&lang=en&visit=${VISIT}`)).json()) as { items: Array<{ caseId: string; title: string }> };
    expect(english.items[0]).toMatchObject({ caseId: 'ss-parking', title: 'How to report illegal parking' });

    const all = await (await get(`/answers/search?q=${encodeURIComponent('주차 유람선 초안')}&lang=ko&visit=${VISIT}`)).text();
    expect(all).not.toContain('ss-boat');
    expect(all).not.toContain('ss-draft');
    expect((await get('/answers/ss-boat?lang=ko')).status).toBe(404);
    expect((await get('/answers/ss-draft?lang=ko')).status).toBe(404);
    expect((await get('/answers/search?lang=ko')).status).toBe(400);
  });

  it('opens an answer in the asked language, or in Korean with the fallback flag, and shows no internal note', async () => {
    const water = await get(`/answers/ss-water?lang=vi&visit=${VISIT}`);
    expect(water.status).toBe(200);
    const text = await water.text();
    expect(JSON.parse(text)).toMatchObject({ caseId: 'ss-water', language: 'ko', koreanFallback: true, question: '수도요금 고지서를 다시 받을 수 있나요?' });
    expect(text).not.toMatch(/recordedBy|note|contentHash/);
  });

  it('"this did not help" prefills a chat message whose complaint carries the case id for the counselor, and the visit counts as contacted', async () => {
    const help = await fetch(`${gateway.url}/answers/ss-parking/not-helpful`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: 'ko', visitId: VISIT }) });
    expect(help.status).toBe(200);
    const { caseId, prefill } = (await help.json()) as { caseId: string; prefill: string };
    expect({ caseId, prefill }).toEqual({ caseId: 'ss-parking', prefill: '집 앞 불법 주정차는 어떻게 신고하나요?' });

    const token = await chatToken(gateway, '010-5555-0101');
    const ack = await sendChat(gateway, token, { action: 'sendMessage', clientMessageId: 'ss-msg-1', text: prefill, selfService: { caseId, visitId: VISIT } });
    expect(ack.type).toBe('ack');
    await gateway.settle();
    const complaint = await gateway.api<{ selfServiceCaseIds?: string[]; messages: Array<{ text: string; selfServiceCaseId?: string }> }>(`/api/complaints/${ack.receiptNo}`);
    expect(complaint.status).toBe(200);
    expect(complaint.body.selfServiceCaseIds).toEqual(['ss-parking']);
    expect(complaint.body.messages[0]).toMatchObject({ text: prefill, selfServiceCaseId: 'ss-parking' });
  });

  it('shows the day counters to supervisors and auditors, not to counselors', async () => {
    const today = kstDay(new Date());
    const stats = await gateway.api<{ days: Array<Record<string, unknown>> }>(`/api/self-service/stats?from=${today}&to=${today}`, {}, { as: 'supervisor' });
    expect(stats.status).toBe(200);
    expect(stats.body.days).toEqual([{ day: today, searches: 3, answersOpened: 1, notHelped: 1, visits: 1, visitsContacted: 1, resolvedVisits: 0, final: false }]);
    expect((await gateway.api(`/api/self-service/stats?from=${today}&to=${today}`, {}, { as: 'auditor' })).status).toBe(200);
    expect((await gateway.api(`/api/self-service/stats?from=${today}&to=${today}`, {}, { as: 'counselor' })).status).toBe(403);
    expect((await gateway.api(`/api/self-service/stats?from=${today}&to=2020-01-01`, {}, { as: 'supervisor' })).status).toBe(400);
  });

  it('refuses an address over its window with 429 and Retry-After', async () => {
    let refused: Response | null = null;
    // Fixed 60 s windows of 60 requests: 121 requests put more than 60 into one window whatever the boundary.
    for (let i = 0; i < 121 && !refused; i += 1) {
      const response = await get(`/answers/search?q=${encodeURIComponent('주차')}&lang=ko`);
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(200);
    }
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused!.json()).toMatchObject({ code: 'rate_limited' });
  });
});
