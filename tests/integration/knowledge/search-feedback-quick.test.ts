import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStarterSet } from '../../../functions/adapters/knowledge/starter-set.ts';
import { ForbiddenActionError } from '../../../functions/core/knowledge/errors.ts';
import { draftCaseId } from '../../../functions/core/knowledge/feedback.ts';
import { MissingPlaceholderValueError, StaleQuickResponseError, UnknownPlaceholderError } from '../../../functions/core/knowledge/quick-responses.ts';
import type { ComplaintDetail } from '../../../functions/core/ports/complaint-repository.ts';
import { COUNSELOR, SUPERVISOR, startKnowledgeHarness, type KnowledgeHarness } from './harness.ts';

const AUDITOR = { id: 'aud-1', role: 'auditor' } as const;

function resolvedComplaint(complaintId: string, status: 'answered' | 'received'): ComplaintDetail {
  const at = '2026-03-01T00:00:00.000Z';
  const translation = { status: 'done' as const, text: '집 앞 골목에 전동킥보드가 며칠째 방치되어 있어요. 연락처는 010-1234-5678입니다.', attempts: 1, updatedAt: at };
  return {
    complaint: {
      complaintId, receiptNo: '20260301-7K3QZ-M8D1X', channel: 'sms', language: 'en', status, category: '교통', createdAt: at, updatedAt: at, lastMessageAt: at, dueAt: at,
      confidential: false, statusVersion: 2, citizen: { kind: 'phone', hash: 'h', sealed: 's', masked: '+82 10-****-5678' },
    },
    messages: [
      { messageId: 'm1', complaintId, direction: 'inbound', channel: 'sms', provider: 'twilio', providerMessageId: 'SM1', receivedAt: at, text: 'An e-scooter has been left in my alley for days.', overLength: false, language: 'en', translation, attachments: [], refusedAttachments: [] },
    ],
    statusEvents: [],
    replies: [{ replyId: 'r1', complaintId, channel: 'sms', createdAt: at, counselor: 'cns-1', textKo: '전동킥보드 견인 신고 누리집으로 신고하시면 구청이 견인합니다.', textSent: 'x', language: 'en', delivery: 'sent' }],
  } as ComplaintDetail;
}

describe('knowledge search, suggestions, gaps, feedback, drafts and quick responses', () => {
  let h: KnowledgeHarness;
  beforeAll(async () => {
    h = await startKnowledgeHarness();
  });
  afterAll(async () => h.table.close());

  it('seeds the starter set and quick responses into an empty store, once', async () => {
    const seeded = await h.kb.seedKnowledgeIfEmpty(() => readStarterSet());
    expect(seeded.seeded).toBe(true);
    expect(seeded.files).toEqual([{ name: 'cases-starter.csv', result: { imported: 306, unchanged: 0, rejected: [] } }]);
    expect(seeded.quickResponses).toBe(9);
    expect(await h.kb.seedKnowledgeIfEmpty(() => Promise.reject(new Error('must not read the starter set again')))).toEqual({ seeded: false, files: [], quickResponses: 0 });
  });

  it('answers a search best first with scores, snippets and the category filter', async () => {
    const { items } = await h.kb.searchKnowledge({ q: '음식물 쓰레기 버리는 법', limit: 5 }, COUNSELOR);
    expect(items[0]).toMatchObject({ caseId: '120-10077', title: '음식물 쓰레기 배출 방법', category: '청소·폐기물' });
    expect(items[0]!.snippet.length).toBeGreaterThan(20);
    const parking = await h.kb.searchKnowledge({ q: '신고', limit: 5, category: '주차' }, COUNSELOR);
    expect(parking.items.every((i) => i.category === '주차')).toBe(true);
  });

  it("suggests the top cases for a complaint's Korean text, and none for text no case covers", async () => {
    const suggested = await h.kb.suggestCases('외국인인데 비자가 다음 달에 끝나요. 체류 기간 연장은 어떻게 하나요?');
    expect(suggested.length).toBeLessThanOrEqual(3);
    expect(suggested[0]?.caseId).toBe('120-10196');
    expect(await h.kb.suggestCases('ㅋㅋㅋ')).toEqual([]);
  });

  it('records searches that find nothing good as gaps, counted, with phone numbers masked', async () => {
    await h.kb.searchKnowledge({ q: '드론 비행 허가 010-9876-5432', limit: 3 }, COUNSELOR);
    await h.kb.searchKnowledge({ q: '드론  비행 허가 010-9876-5432 ', limit: 3 }, COUNSELOR);
    await h.kb.searchKnowledge({ q: '불법 주차 신고', limit: 3 }, COUNSELOR);
    const { items } = await h.kb.listGaps({}, SUPERVISOR);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ count: 2 });
    expect(items[0]!.query).not.toContain('9876-5432');
    await expect(h.kb.listGaps({}, COUNSELOR)).rejects.toBeInstanceOf(ForbiddenActionError);
  });

  it('keeps one mark per counselor, complaint and case: marking again replaces it', async () => {
    await h.kb.recordSuggestionFeedback({ complaintId: 'cmp_1', caseId: '120-10028', helpful: true }, COUNSELOR);
    await h.kb.recordSuggestionFeedback({ complaintId: 'cmp_1', caseId: '120-10028', helpful: false }, COUNSELOR);
    await h.kb.recordSuggestionFeedback({ complaintId: 'cmp_2', caseId: '120-10028', helpful: true }, { id: 'cns-2', role: 'counselor' });
    expect(await h.kb.feedbackSummary('120-10028', AUDITOR)).toEqual({ caseId: '120-10028', helpful: 1, notHelpful: 1 });
    await expect(h.kb.recordSuggestionFeedback({ complaintId: 'cmp_1', caseId: '120-10028', helpful: true }, AUDITOR)).rejects.toBeInstanceOf(ForbiddenActionError);
  });

  it("turns a resolved complaint's answer into one draft case, masked, and out of search until published", async () => {
    h.complaints.set('cmp_done', resolvedComplaint('cmp_done', 'answered'));
    h.complaints.set('cmp_open', resolvedComplaint('cmp_open', 'received'));
    const { draft, citizenKeyHash } = await h.kb.draftCaseFromComplaint({ complaintId: 'cmp_done' }, SUPERVISOR);
    expect(citizenKeyHash).toBe('h');
    expect(draft).toMatchObject({ caseId: draftCaseId('cmp_done'), status: 'draft', category: '교통', answer: '전동킥보드 견인 신고 누리집으로 신고하시면 구청이 견인합니다.', source: { format: 'complaint', reference: 'cmp_done' } });
    expect(draft.question).toContain('전동킥보드가 며칠째 방치');
    expect(draft.question).not.toContain('1234-5678');
    expect((await h.kb.draftCaseFromComplaint({ complaintId: 'cmp_done' }, SUPERVISOR)).draft).toEqual(draft);
    await expect(h.kb.draftCaseFromComplaint({ complaintId: 'cmp_open' }, SUPERVISOR)).rejects.toMatchObject({ name: 'ComplaintNotResolvedError' });
    const ids = async () => (await h.kb.searchKnowledge({ q: '전동킥보드 방치 견인', limit: 5 }, COUNSELOR)).items.map((i) => i.caseId);
    expect(await ids()).not.toContain(draft.caseId);
    await h.kb.publishCase(draft.caseId, { expectedVersion: 1, note: '검토 완료' }, SUPERVISOR);
    expect(await ids()).toContain(draft.caseId);
  });

  it("fills a quick response's placeholders in the citizen's language, falling back to Korean", async () => {
    const { items } = await h.kb.searchQuickResponses({ q: '/접' }, COUNSELOR);
    expect(items.map((r) => r.shortcut)).toEqual(['접수']);
    expect(await h.kb.insertQuickResponse({ shortcut: '/접수', language: 'vi', values: { receiptNo: '20260301-7K3QZ-M8D1X', dueDate: '2026-03-09' } }, COUNSELOR)).toEqual({
      language: 'vi',
      text: 'Nội dung bạn phản ánh đã được tiếp nhận với mã số 20260301-7K3QZ-M8D1X. Chúng tôi sẽ thông báo kết quả xử lý trước 2026-03-09.',
    });
    expect(await h.kb.insertQuickResponse({ shortcut: '사례', language: 'mn', values: { caseTitle: '여권 발급 신청' } }, COUNSELOR)).toEqual({ language: 'ko', text: "문의하신 '여권 발급 신청'에 대해 안내해 드립니다." });
    await expect(h.kb.insertQuickResponse({ shortcut: '접수', language: 'ko', values: { receiptNo: 'x' } }, COUNSELOR)).rejects.toBeInstanceOf(MissingPlaceholderValueError);
  });

  it('refuses a quick response with an unknown placeholder, and an edit of a stale version', async () => {
    await expect(h.kb.saveQuickResponse('오타', { title: '오타', texts: { ko: '접수번호 {recieptNo}' } }, SUPERVISOR)).rejects.toThrow(UnknownPlaceholderError);
    await expect(h.kb.saveQuickResponse('오타', { title: '오타', texts: { ko: '접수번호 {recieptNo}' } }, SUPERVISOR)).rejects.toThrow('unknown placeholder(s) {recieptNo}');
    const saved = await h.kb.saveQuickResponse('/Hello', { title: '인사', texts: { ko: '안녕하세요', en: 'Hello' } }, SUPERVISOR);
    expect(saved).toMatchObject({ shortcut: 'hello', version: 1 });
    await h.kb.saveQuickResponse('hello', { title: '인사', texts: { ko: '안녕하세요!' }, expectedVersion: 1 }, SUPERVISOR);
    await expect(h.kb.saveQuickResponse('hello', { title: '인사', texts: { ko: '늦은 수정' }, expectedVersion: 1 }, SUPERVISOR)).rejects.toBeInstanceOf(StaleQuickResponseError);
    await expect(h.kb.saveQuickResponse('hello', { title: '인사', texts: { ko: 'x' } }, COUNSELOR)).rejects.toBeInstanceOf(ForbiddenActionError);
  });
});
