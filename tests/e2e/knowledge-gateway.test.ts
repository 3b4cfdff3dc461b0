import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTranslator } from '../support/in-memory-ports.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');

/** `npm run kb:import -- FILE` as a user runs it: no URL and no token given, only the gateway's DATA_DIR. */
function kbImport(file: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PATH = '', HOME = '' } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'scripts/kb-import.ts', file], { env: { PATH, HOME, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The 120 Dasan FAQ open data as data.go.kr ships it: CP949, CRLF, the list and detail columns. */
const OPEN_DATA_CSV = [
  '일련번호,FAQ구분,대분류코드,대분류명,질문,수정일시,업무개요,접수처,신고기한,신청방법,과태료,구비서류,처리절차',
  '90001,일반,A02,주차,밤마다 골목에 불법 주차된 트럭 때문에 지나갈 수가 없어요,2025-11-03 09:00:00,주정차 위반 차량 단속,구청 주차관리과,,"안전신문고 앱, 120",,,현장 확인 후 단속',
  '90002,일반,A04,상수도,수도 계량기가 얼어서 터졌어요,2025-12-01,동파 계량기 교체,수도사업소,,120 또는 수도사업소 전화,,,현장 방문 후 교체',
  '90003,일반,A09,문화,똠방각하 전시회 관람 예약은 어떻게 하나요,2025-10-10,전시 관람 예약 안내,서울시립미술관,,누리집 예약,,,',
  '90004,일반,A04,상수도,,2025-12-01,,,,,,,',
].join('\r\n');

const ENGLISH = 'There is a truck parked illegally in my alley every night';

describe('the knowledge base through the local gateway', () => {
  let gateway: TestGateway;
  let csvFile: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ translator: new FakeTranslator({ [ENGLISH]: '매일 밤 우리 골목에 트럭이 불법 주차되어 있어요' }) });
    csvFile = join(gateway.dataDir, 'faq-cp949.csv');
    await writeFile(csvFile, iconv.encode(OPEN_DATA_CSV, 'cp949'));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('imports the open data in CP949 with `npm run kb:import` as the supervisor, reporting the bad row by its line; again, nothing changes', async () => {
    const first = await kbImport(csvFile, { DATA_DIR: gateway.dataDir });
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`${csvFile}: imported 3, unchanged 0, rejected 1\n  line 5: 질문 is empty\n`);
    const again = await kbImport(csvFile, { DATA_DIR: gateway.dataDir });
    expect(again.stdout).toBe(`${csvFile}: imported 0, unchanged 3, rejected 1\n  line 5: 질문 is empty\n`);
  });

  it('lets a counselor find the imported cases with Korean as people type it', async () => {
    const search = (q: string) => gateway.api<{ items: Array<{ caseId: string; title: string; category: string; score: number; snippet: string }> }>(`/api/knowledge/search?q=${encodeURIComponent(q)}&limit=3`);
    for (const [q, caseId] of [
      ['불법주차 트럭', '120-90001'],
      ['불법 주차', '120-90001'],
      ['계량기가 얼었어요', '120-90002'],
      ['ㄱㄹㄱ', '120-90002'],
      ['똠방각하 전시', '120-90003'],
    ] as const) {
      const found = await search(q);
      expect(found.status, q).toBe(200);
      expect(found.body.items[0], q).toMatchObject({ caseId, score: expect.any(Number), snippet: expect.any(String) });
    }
    const byCategory = await gateway.api<{ items: Array<{ category: string }> }>(`/api/knowledge/search?q=${encodeURIComponent('신청')}&category=${encodeURIComponent('상수도')}`);
    expect(byCategory.body.items.every((item) => item.category === '상수도')).toBe(true);
  });

  it('lets the auditor read cases but not import, edit, retire or see gaps; the counselor may not edit either', async () => {
    expect((await gateway.api('/api/knowledge/cases/120-90002', {}, { as: 'auditor' })).status).toBe(200);
    expect((await gateway.api(`/api/knowledge/search?q=${encodeURIComponent('계량기')}`, {}, { as: 'auditor' })).status).toBe(200);
    const csv = { method: 'POST', headers: { 'content-type': 'text/csv' }, body: new Uint8Array(iconv.encode(OPEN_DATA_CSV, 'cp949')) };
    expect((await gateway.api('/api/knowledge/import', csv, { as: 'auditor' })).status).toBe(403);
    expect((await gateway.api('/api/knowledge/import', csv, { as: 'counselor' })).status).toBe(403);
    const edit = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expectedVersion: 1, category: '상수도', title: 'x', question: 'x', answer: 'x' }) };
    expect((await gateway.api('/api/knowledge/cases/120-90002', edit, { as: 'auditor' })).status).toBe(403);
    expect((await gateway.api('/api/knowledge/cases/120-90002', edit, { as: 'counselor' })).status).toBe(403);
    expect((await gateway.api('/api/knowledge/gaps', {}, { as: 'auditor' })).status).toBe(403);
  });

  it('keeps every version of an edited case with who changed it, and a retired case is no longer found', async () => {
    const current = await gateway.api<{ version: number; title: string; fields: Record<string, string> }>('/api/knowledge/cases/120-90002', {}, { as: 'supervisor' });
    expect(current.body).toMatchObject({ version: 1, fields: { overview: '동파 계량기 교체' } });
    const edit = (expectedVersion: number) => ({
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expectedVersion, category: '상수도', title: '수도 계량기 동파 신고', question: '수도 계량기가 얼어서 터졌어요', answer: '120이나 수도사업소에 신고하시면 교체해 드립니다.', note: '제목 정리' }),
    });
    const edited = await gateway.api<{ outcome: string; case: { version: number; recordedBy: { id: string } } }>('/api/knowledge/cases/120-90002', edit(1), { as: 'supervisor' });
    expect(edited.body).toMatchObject({ outcome: 'written', case: { version: 2, recordedBy: { id: 'supervisor1@example.org' } } });
    expect((await gateway.api('/api/knowledge/cases/120-90002', edit(1), { as: 'supervisor' })).status).toBe(409);
    const versions = await gateway.api<{ items: Array<{ version: number; title: string }> }>('/api/knowledge/cases/120-90002/versions');
    expect(versions.body.items.map((v) => [v.version, v.title])).toEqual([
      [1, '수도 계량기가 얼어서 터졌어요'],
      [2, '수도 계량기 동파 신고'],
    ]);
    const retire = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expectedVersion: 2, note: '중복 사례' }) };
    expect((await gateway.api('/api/knowledge/cases/120-90002/retire', retire, { as: 'supervisor' })).status).toBe(200);
    const found = await gateway.api<{ items: Array<{ caseId: string }> }>(`/api/knowledge/search?q=${encodeURIComponent('계량기 동파')}`);
    expect(found.body.items.map((item) => item.caseId)).not.toContain('120-90002');
    expect((await gateway.api('/api/knowledge/cases/nope-1')).status).toBe(404);
  });

  it('suggests cases on a new Korean SMS complaint and on a foreign one through its translation', async () => {
    const korean = await gateway.sms({ from: '010-4545-1212', body: '골목에 트럭이 불법 주차해서 못 지나가요' });
    const foreign = await gateway.sms({ from: '010-4545-3434', body: ENGLISH });
    await gateway.settle();
    for (const sent of [korean, foreign]) {
      const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
      const detail = await gateway.api<{ suggestedCases?: Array<{ caseId: string; title: string; score: number }> }>(`/api/complaints/${receiptNo}`);
      expect(detail.body.suggestedCases?.[0], receiptNo).toMatchObject({ caseId: '120-90001', title: expect.any(String), score: expect.any(Number) });
    }
  });

  it('takes a counselor\'s mark on a suggestion, drafts a case from an answered complaint, and fills a quick response', async () => {
    const sent = await gateway.sms({ from: '010-4545-5656', body: '전시회 관람 예약은 어디서 하나요' });
    await gateway.settle();
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    const { complaintId } = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body;
    const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await gateway.api('/api/knowledge/feedback', post({ complaintId, caseId: '120-90003', helpful: true }))).status).toBe(200);
    expect((await gateway.api('/api/knowledge/feedback', post({ complaintId, caseId: '120-90003', helpful: true }), { as: 'auditor' })).status).toBe(403);

    expect((await gateway.api('/api/knowledge/drafts', post({ complaintId }), { as: 'supervisor' })).status).toBe(409);
    await gateway.api(`/api/complaints/${complaintId}/replies`, post({ text: '서울시립미술관 누리집에서 예약하실 수 있습니다.', replyId: 'kb-e2e-reply-0001' }));
    await gateway.api(`/api/complaints/${complaintId}/status`, post({ status: 'answered', reason: '안내 완료' }));
    const draft = await gateway.api<{ caseId: string; status: string; answer: string }>('/api/knowledge/drafts', post({ complaintId }), { as: 'supervisor' });
    expect(draft.body).toMatchObject({ caseId: `from-${complaintId}`, status: 'draft', answer: '서울시립미술관 누리집에서 예약하실 수 있습니다.' });

    const save = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: '접수 안내', texts: { ko: '접수번호 {receiptNo}, {dueDate}까지 답변드립니다.' } }) };
    expect((await gateway.api('/api/quick-responses/접수', save, { as: 'counselor' })).status).toBe(403);
    expect((await gateway.api(`/api/quick-responses/${encodeURIComponent('접수')}`, save, { as: 'supervisor' })).status).toBe(200);
    const listed = await gateway.api<{ items: Array<{ id: string; shortcut: string; language: string; title: string; text: string }> }>(`/api/quick-responses?q=${encodeURIComponent('접')}&language=en`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: '접수', shortcut: '접수', language: 'ko', title: '접수 안내' })]);
    const filled = await gateway.api<{ text: string }>(`/api/quick-responses/${encodeURIComponent('접수')}/fill`, post({ complaintId }));
    expect(filled.status).toBe(200);
    expect(filled.body.text).toMatch(new RegExp(`^접수번호 ${receiptNo}, \\d{4}년 \\d{1,2}월 \\d{1,2}일 \\d{2}:\\d{2}까지 답변드립니다\\.$`));
  });
});
