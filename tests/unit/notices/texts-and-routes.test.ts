import { describe, expect, it } from 'vitest';
import type { NoticeLanguage } from '../../../functions/core/notices/model.ts';
import { noticeRouteFor } from '../../../functions/core/notices/route.ts';
import { STATUS_LABELS, noticeText, type NoticeTextInput } from '../../../functions/core/notices/texts.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';

const LANGUAGES: NoticeLanguage[] = ['ko', 'en', 'zh', 'ja', 'vi', 'mn'];
const receiptNo = '20261205-7K3QZ-M8D1X';
const INPUTS: NoticeTextInput[] = [
  { kind: 'taken_up', receiptNo },
  { kind: 'transferred', receiptNo, agency: '마포구청 주차관리과' },
  { kind: 'answered', receiptNo },
  { kind: 'answered', receiptNo, answer: 'ANSWER-TEXT' },
  { kind: 'closed', receiptNo },
  { kind: 'deadline_extended', receiptNo, dueAt: '2026-12-10T09:00:00.000Z', reason: 'REASON' },
  { kind: 'progress', receiptNo, days: 30, dueAt: '2026-12-10T09:00:00.000Z' },
  { kind: 'status_reply', receiptNo, status: 'in_progress', dueAt: '2026-12-10T09:00:00.000Z' },
  { kind: 'status_unknown', receiptNo },
];

describe('notice texts', () => {
  it.each(LANGUAGES)('%s: every kind has its own text and carries the receipt number exactly as issued', (language) => {
    const texts = INPUTS.map((input) => noticeText(language, input));
    for (const text of texts) {
      expect(text).toContain(receiptNo);
      expect(text).not.toMatch(/undefined|NaN|\$\{/);
    }
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('puts the due time in KST, the reason and the answer in the text; foreign readers are told the zone', () => {
    expect(noticeText('ko', INPUTS[5] as NoticeTextInput)).toBe('[서울시 120] 접수번호 20261205-7K3QZ-M8D1X 민원의 처리 기한을 2026-12-10 18:00까지로 연장했습니다. 사유: REASON');
    expect(noticeText('en', INPUTS[6] as NoticeTextInput)).toContain('Deadline: 2026-12-10 18:00 (KST)');
    expect(noticeText('vi', INPUTS[3] as NoticeTextInput)).toContain('ANSWER-TEXT');
    expect(noticeText('ja', { kind: 'transferred', receiptNo, agency: '마포구청' })).toContain('마포구청');
  });

  it('names the status in the language, and no due time once the complaint is answered or closed', () => {
    expect(noticeText('zh', { kind: 'status_reply', receiptNo, status: 'in_progress', dueAt: '2026-12-10T09:00:00.000Z' })).toBe(
      `[首尔120] 受理编号 ${receiptNo}：处理中。处理期限：2026-12-10 18:00 (KST)`,
    );
    const closed = noticeText('mn', { kind: 'status_reply', receiptNo, status: 'closed', dueAt: '2026-12-10T09:00:00.000Z' });
    expect(closed).toContain(STATUS_LABELS.mn.closed);
    expect(closed).not.toContain('2026-12-10');
  });
});

describe('where notices go', () => {
  const phone = { kind: 'phone' as const, hash: 'h', sealed: 's', masked: '+82 10-****-5678' };
  it('SMS and chat complaints on their own channel; X never (it gets the answer only)', () => {
    expect(noticeRouteFor(complaintFixture({ channel: 'sms' }))).toBe('sms');
    expect(noticeRouteFor(complaintFixture({ channel: 'chat', citizen: { ...phone, kind: 'chat-account' } }))).toBe('chat');
    expect(noticeRouteFor(complaintFixture({ channel: 'x', citizen: { ...phone, kind: 'x-user' } }))).toBeNull();
  });

  it('voice callers by SMS only when they consented on the call, and never a withheld number', () => {
    expect(noticeRouteFor(complaintFixture({ channel: 'voice', citizen: phone }))).toBeNull();
    expect(noticeRouteFor(complaintFixture({ channel: 'voice', citizen: phone, smsNoticeConsent: { at: '2026-12-05T01:00:00.000Z', contactId: 'c-1' } }))).toBe('sms');
    expect(
      noticeRouteFor(
        complaintFixture({ channel: 'voice', citizen: { ...phone, kind: 'anonymous-caller', masked: 'anonymous caller' }, smsNoticeConsent: { at: '2026-12-05T01:00:00.000Z', contactId: 'c-1' } }),
      ),
    ).toBeNull();
  });

  it('nothing to a sender that did not normalise', () => {
    expect(noticeRouteFor(complaintFixture({ channel: 'sms', citizen: { ...phone, masked: '***', unverifiable: true } }))).toBeNull();
  });
});
