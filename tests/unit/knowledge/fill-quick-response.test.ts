import { describe, expect, it } from 'vitest';
import { ComplaintNotFoundError } from '../../../functions/core/errors.ts';
import { createQuickResponseFilling, formatKst } from '../../../functions/core/knowledge/fill-quick-response.ts';
import type { KnowledgeCase } from '../../../functions/core/knowledge/model.ts';
import { MissingPlaceholderValueError, type QuickResponse } from '../../../functions/core/knowledge/quick-responses.ts';
import type { VersionedComplaint } from '../../../functions/core/ports/complaint-repository.ts';

const COMPLAINT = {
  complaintId: 'c1',
  receiptNo: '20260302-7K3QZ-M8D1X',
  channel: 'sms',
  language: 'vi',
  status: 'in_progress',
  agency: '마포구청 주차관리과',
  // 18:00 KST on 11 March, extended to 20 March.
  dueAt: '2026-03-11T09:00:00.000Z',
  extendedDueAt: '2026-03-20T09:00:00.000Z',
  citizen: { kind: 'phone', hash: 'citizen-key-hash-of-c1', masked: '+82 10-****-5678' },
} as unknown as VersionedComplaint;

const RESPONSES: Record<string, QuickResponse> = {
  접수: {
    shortcut: '접수',
    title: '접수 안내',
    texts: { ko: '{receiptNo}로 접수되었습니다. {dueDate}까지 {agency}에서 처리합니다.', vi: 'Mã số {receiptNo}, hạn {dueDate}, {agency}.' },
    version: 1,
    updatedAt: '',
    updatedBy: { id: 'starter-set', role: 'system' },
  },
  사례: { shortcut: '사례', title: '사례 안내', texts: { ko: '{caseTitle} 안내입니다. 상담사 {counselorName}, 오늘 {date}.' }, version: 1, updatedAt: '', updatedBy: { id: 'starter-set', role: 'system' } },
};

function filling() {
  return createQuickResponseFilling({
    store: { get: async (s) => RESPONSES[s] ?? null, list: async () => Object.values(RESPONSES), put: async () => true },
    complaints: { getComplaint: async (id) => (id === 'c1' ? COMPLAINT : null) },
    cases: { getHead: async (id) => (id === '120-10001' ? ({ title: '지하철 분실물 찾기' } as KnowledgeCase) : null) },
    clock: { now: () => new Date('2026-03-02T16:30:00.000Z') },
  });
}

const COUNSELOR = { id: 'counselor1@example.org', role: 'counselor' } as const;

describe('filling a quick response for a complaint', () => {
  it('writes the due time in KST as the citizen\'s language reads it', () => {
    expect(formatKst('2026-03-11T09:00:00.000Z', 'ko')).toBe('2026년 3월 11일 18:00');
    expect(formatKst('2026-03-11T09:00:00.000Z', 'ja')).toBe('2026年3月11日 18:00');
    // 23:30 UTC on 11 March is already 12 March in Seoul.
    expect(formatKst('2026-03-11T23:30:00.000Z', 'en')).toBe('2026-03-12 08:30 (KST)');
  });

  it('fills receipt number, agency and the extended due date from the complaint, in the complaint\'s language', async () => {
    const { filled, citizenKeyHash } = await filling().fillQuickResponseForComplaint({ shortcut: '/접수', complaintId: 'c1' }, COUNSELOR);
    expect(filled).toEqual({ shortcut: '접수', language: 'vi', text: 'Mã số 20260302-7K3QZ-M8D1X, hạn 2026-03-20 18:00 (KST), 마포구청 주차관리과.' });
    // For the caller's access record: whose complaint was read.
    expect(citizenKeyHash).toBe('citizen-key-hash-of-c1');
  });

  it('falls back to the Korean text (language ko) and keeps the complaint\'s own values over those given', async () => {
    const { filled } = await filling().fillQuickResponseForComplaint({ shortcut: '접수', complaintId: 'c1', language: 'mn', values: { receiptNo: 'forged', agency: 'forged' } }, COUNSELOR);
    expect(filled).toEqual({ shortcut: '접수', language: 'ko', text: '20260302-7K3QZ-M8D1X로 접수되었습니다. 2026년 3월 20일 18:00까지 마포구청 주차관리과에서 처리합니다.' });
  });

  it('takes the quoted case\'s title, today\'s KST date and the values the complaint cannot give', async () => {
    const { filled } = await filling().fillQuickResponseForComplaint({ shortcut: '사례', complaintId: 'c1', caseId: '120-10001', values: { counselorName: '김상담' } }, COUNSELOR);
    expect(filled.text).toBe('지하철 분실물 찾기 안내입니다. 상담사 김상담, 오늘 2026년 3월 3일.');
  });

  it('names what is missing, and refuses an unknown complaint', async () => {
    await expect(filling().fillQuickResponseForComplaint({ shortcut: '사례', complaintId: 'c1', language: 'ko' }, COUNSELOR)).rejects.toEqual(new MissingPlaceholderValueError(['caseTitle', 'counselorName']));
    await expect(filling().fillQuickResponseForComplaint({ shortcut: '접수', complaintId: 'nope' }, COUNSELOR)).rejects.toBeInstanceOf(ComplaintNotFoundError);
  });
});
