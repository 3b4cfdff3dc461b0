import { describe, expect, it } from 'vitest';
import { InvalidQueryError } from '../../../functions/core/errors.ts';
import { ComplaintListFilterSchema, complaintDetailView, complaintSummaryView, toListQuery } from '../../../functions/core/queries.ts';
import type { ComplaintDetail, VersionedComplaint } from '../../../functions/core/ports/complaint-repository.ts';

const complaint: VersionedComplaint = {
  complaintId: 'cmp_aaaaaaaaaaaaaaaaaaaaaaaa',
  receiptNo: '20260302-ABCDE-FGHJK',
  channel: 'sms',
  citizen: { kind: 'phone', hash: 'HASHVALUE', sealed: 'v1.SEALEDVALUE', masked: '+82 10-****-5678' },
  language: 'en',
  status: 'received',
  createdAt: '2026-03-01T15:30:00.000Z',
  updatedAt: '2026-03-01T15:30:00.000Z',
  lastMessageAt: '2026-03-01T15:30:00.000Z',
  dueAt: '2026-03-08T15:30:00.000Z',
  confidential: false,
  statusVersion: 1,
};

const detail: ComplaintDetail = {
  complaint,
  messages: [
    {
      messageId: 'msg_1',
      complaintId: complaint.complaintId,
      direction: 'inbound',
      channel: 'sms',
      provider: 'twilio',
      providerMessageId: 'SM1',
      receivedAt: complaint.createdAt,
      text: 'My ID is 900101-1234567, please help',
      overLength: false,
      language: 'en',
      translation: { status: 'done', text: '제 번호는 900101-1234567 입니다', provider: 'amazon-translate', attempts: 1, updatedAt: complaint.createdAt },
      attachments: [{ key: 'media/cmp/msg/0.png', contentType: 'image/png', sizeBytes: 68 }],
      refusedAttachments: [{ contentType: 'video/mp4', reason: 'not an image' }],
    },
  ],
  statusEvents: [
    { complaintId: complaint.complaintId, eventId: 'v000001', version: 1, at: complaint.createdAt, actor: 'system', from: null, to: 'received', reason: 'first contact on sms' },
  ],
  replies: [],
};

describe('complaint views', () => {
  it('shows the masked handle only, with the KST creation day', () => {
    const view = complaintSummaryView(complaint);
    expect(view.citizen).toBe('+82 10-****-5678');
    expect(view.createdDayKst).toBe('2026-03-02');
    expect(JSON.stringify(view)).not.toMatch(/HASHVALUE|SEALEDVALUE/);
  });

  // The counselor sees whether a caller agreed to status texts (docs/channels/notices.md); the
  // Connect contact it was given on is bookkeeping, not shown.
  it('shows when a caller agreed on the call to status notices by SMS, and nothing when they did not', () => {
    const call: VersionedComplaint = { ...complaint, channel: 'voice' };
    const consented = complaintDetailView({ ...detail, complaint: { ...call, smsNoticeConsent: { at: '2026-03-01T15:31:00.000Z', contactId: 'contact-1' } } });
    expect(consented.smsNoticeConsent).toEqual({ at: '2026-03-01T15:31:00.000Z' });
    expect(complaintDetailView({ ...detail, complaint: call })).not.toHaveProperty('smsNoticeConsent');
  });

  it('hides resident registration numbers in the original and the translation, keeping the rest', () => {
    const view = complaintDetailView(detail);
    const [message] = view.messages;
    expect(message?.text).not.toContain('1234567');
    expect(message?.text).toContain('please help');
    expect(message?.translation.text).not.toContain('1234567');
    expect(message?.translation).toMatchObject({ status: 'done', provider: 'amazon-translate' });
    expect(message?.attachments).toEqual([{ key: 'media/cmp/msg/0.png', contentType: 'image/png', sizeBytes: 68 }]);
    expect(view.statusHistory).toEqual([{ eventId: 'v000001', at: complaint.createdAt, actor: 'system', from: null, to: 'received', reason: 'first contact on sms' }]);
    expect(JSON.stringify(view)).not.toMatch(/HASHVALUE|SEALEDVALUE/);
  });

  it('shows the earlier versions of an edited X mention, with resident registration numbers hidden', () => {
    const [message] = detail.messages;
    if (!message) throw new Error('fixture');
    const edited: ComplaintDetail = {
      ...detail,
      messages: [{ ...message, edits: [{ tweetId: '1866503928398045301', previousText: 'ID 900101-1234567 typo', editedAt: '2026-03-01T15:40:00.000Z' }] }],
    };
    const [view] = complaintDetailView(edited).messages;
    expect(view?.edits).toEqual([{ tweetId: '1866503928398045301', previousText: 'ID 900101-1****** typo', editedAt: '2026-03-01T15:40:00.000Z' }]);
  });
});

describe('list filter', () => {
  it('turns KST days into an inclusive-exclusive UTC range', () => {
    expect(toListQuery({ from: '2026-03-02', to: '2026-03-02' })).toEqual({
      createdFrom: '2026-03-01T15:00:00.000Z',
      createdBefore: '2026-03-02T15:00:00.000Z',
      limit: 20,
      order: 'newest',
    });
  });

  it('coerces the limit from a query string and caps it', () => {
    expect(ComplaintListFilterSchema.parse({ limit: '50' })).toMatchObject({ limit: 50 });
    expect(ComplaintListFilterSchema.safeParse({ limit: '101' }).success).toBe(false);
  });

  it('reports every problem of a bad filter at once', () => {
    try {
      toListQuery({ channel: 'fax', status: 'gone' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidQueryError);
      expect((error as InvalidQueryError).issues.join(' ')).toMatch(/channel.*status/);
    }
  });
});

describe('workspace views and filters', () => {
  it('shows the petition type and both due times of an extended complaint, and what each history entry changed', () => {
    const transfer = {
      eventId: 'v000002',
      at: '2026-03-02T01:00:00.000Z',
      actor: 'counselor:kim',
      from: 'received' as const,
      to: 'received' as const,
      reason: '관할 구청으로 이관',
      assignment: { category: '주차', agency: '강남구청', previousAgency: '서울시 교통정책과' },
    };
    const extended: VersionedComplaint = {
      ...complaint,
      petitionType: 'grievance',
      extendedDueAt: '2026-03-20T09:00:00.000Z',
      deadlineExtension: { count: 1, reason: '현장 확인 필요', actor: 'counselor:kim', at: '2026-03-05T01:00:00.000Z', citizenConsent: false },
      category: '주차',
      agency: '강남구청',
    };
    expect(complaintSummaryView(extended)).toMatchObject({
      petitionType: 'grievance',
      dueAt: '2026-03-08T15:30:00.000Z',
      extendedDueAt: '2026-03-20T09:00:00.000Z',
      deadlineExtension: { count: 1, reason: '현장 확인 필요', at: '2026-03-05T01:00:00.000Z', citizenConsent: false },
      category: '주차',
      agency: '강남구청',
    });
    const view = complaintDetailView({
      ...detail,
      complaint: extended,
      statusEvents: [...detail.statusEvents, { complaintId: complaint.complaintId, version: 2, ...transfer }],
    });
    // The history shows the entry as stored, without the bookkeeping (complaint id, version).
    expect(view.statusHistory.at(-1)).toEqual(transfer);
  });

  it('filters the queue by language and category and orders it by due time', () => {
    expect(toListQuery({ language: 'en', category: ' 주차 ', order: 'due', status: 'in_progress' })).toEqual({ language: 'en', category: '주차', status: 'in_progress', limit: 20, order: 'due' });
  });

  it('refuses a due-ordered listing of closed complaints or by creation time: the due index holds open complaints only', () => {
    const issues = (filter: Record<string, string>): string => {
      try {
        toListQuery(filter);
      } catch (error) {
        if (error instanceof InvalidQueryError) return error.issues.join(' ');
        throw error;
      }
      return 'accepted';
    };
    expect(issues({ order: 'due', status: 'closed' })).toMatch(/order=due lists open complaints/);
    expect(issues({ order: 'due', status: 'answered' })).toMatch(/order=due lists open complaints/);
    expect(issues({ order: 'due', from: '2026-03-02' })).toMatch(/from.*order=due/);
    expect(issues({ language: 'fr' })).toMatch(/^language/);
  });
});
