import { describe, expect, it } from 'vitest';
import type { Message, Reply } from '../../../functions/core/model.ts';
import type { ComplaintDetail, VersionedStatusEvent } from '../../../functions/core/ports/complaint-repository.ts';
import { complaintContribution } from '../../../functions/core/statistics/complaint-contribution.ts';
import { isFirstContactResolution } from '../../../functions/core/statistics/first-contact-resolution.ts';
import { firstReplyBucket } from '../../../functions/core/statistics/first-reply-buckets.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';

const CREATED = '2026-03-02T01:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(CREATED) + minutes * 60_000).toISOString();

function event(version: number, from: VersionedStatusEvent['from'], to: VersionedStatusEvent['to'], minutes: number, actor = 'counselor:kim'): VersionedStatusEvent {
  return { complaintId: 'cmp_x', eventId: `v${version}`, version, at: at(minutes), actor, from, to, reason: 'r' };
}

function message(minutes: number, direction: Message['direction'] = 'inbound'): Message {
  return {
    messageId: `msg_${minutes}`,
    complaintId: 'cmp_x',
    direction,
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: `SM${minutes}`,
    receivedAt: at(minutes),
    text: '…',
    overLength: false,
    language: 'ko',
    translation: { status: 'not_needed', attempts: 0, updatedAt: at(minutes) },
    attachments: [],
    refusedAttachments: [],
  };
}

function reply(minutes: number, delivery: Reply['delivery'] = 'sent'): Reply {
  return { replyId: `r${minutes}`, complaintId: 'cmp_x', channel: 'sms', createdAt: at(minutes), counselor: 'kim', textKo: '답변', textSent: '답변', language: 'ko', delivery };
}

/** Received at 0, answered by a reply at 30 min, closed at 60 min: the plain first-contact resolution. */
function resolved(overrides: Partial<ComplaintDetail> = {}): ComplaintDetail {
  return {
    complaint: complaintFixture({ complaintId: 'cmp_x', createdAt: CREATED, dueAt: at(7 * 24 * 60), status: 'closed', statusVersion: 3 }),
    messages: [message(0)],
    statusEvents: [event(1, null, 'received', 0, 'system'), event(2, 'received', 'answered', 30), event(3, 'answered', 'closed', 60)],
    replies: [reply(29)],
    ...overrides,
  };
}

describe('first-contact resolution', () => {
  it('holds for a complaint closed after the first answer, never reopened, with no further citizen message', () => {
    expect(isFirstContactResolution(resolved())).toBe(true);
  });

  it('is lost when the complaint was reopened after the answer, even if closed again', () => {
    const detail = resolved({
      statusEvents: [...resolved().statusEvents.slice(0, 2), event(3, 'answered', 'in_progress', 40, 'citizen'), event(4, 'in_progress', 'closed', 90)],
    });
    expect(isFirstContactResolution(detail)).toBe(false);
  });

  it('is lost when a second answer was needed before the close', () => {
    expect(isFirstContactResolution(resolved({ replies: [reply(29), reply(50)] }))).toBe(false);
  });

  it('counts every reply handed to the channel as an answer, whatever its delivery report says since', () => {
    for (const delivery of ['queued', 'delivered', 'delivered_otherwise'] as const) {
      expect(isFirstContactResolution(resolved({ replies: [reply(29, delivery), reply(50, delivery)] }))).toBe(false);
    }
    // A reply held for its translation, or never handed on, answered nothing.
    expect(isFirstContactResolution(resolved({ replies: [reply(29), reply(50, 'awaiting_translation'), reply(55, 'failed')] }))).toBe(true);
  });

  it('is lost when the citizen wrote on it within 7 days of the answer, and kept when the message came later', () => {
    expect(isFirstContactResolution(resolved({ messages: [message(0), message(30 + 6 * 24 * 60)] }))).toBe(false);
    expect(isFirstContactResolution(resolved({ messages: [message(0), message(30 + 8 * 24 * 60)] }))).toBe(true);
  });

  it('does not hold for a complaint closed without any answer (a cancelled reservation)', () => {
    const detail = resolved({ statusEvents: [event(1, null, 'received', 0, 'system'), event(2, 'received', 'closed', 10, 'citizen')], replies: [] });
    expect(isFirstContactResolution(detail)).toBe(false);
  });

  it('holds for a call a counselor closed directly, the close being the answer', () => {
    const detail = resolved({ statusEvents: [event(1, null, 'received', 0, 'system'), event(2, 'received', 'in_progress', 1, 'connect'), event(3, 'in_progress', 'closed', 8)], replies: [] });
    expect(isFirstContactResolution(detail)).toBe(true);
  });
});

describe('a complaint’s contribution to the complaints rollup of its KST creation day', () => {
  it('counts channel, language, status, unassigned classification, the answer on time and its delay bucket', () => {
    const c = complaintContribution(resolved());
    expect(c.bucket).toEqual({ day: '2026-03-02', kind: 'complaints' });
    expect(c.counters).toEqual({
      complaints: 1,
      'channel.sms': 1,
      'language.ko': 1,
      'category.unassigned': 1,
      'agency.unassigned': 1,
      'status.closed': 1,
      answered: 1,
      [`firstReply.${firstReplyBucket(30 * 60)}`]: 1,
      onTime: 1,
      closed: 1,
      fcr: 1,
    });
  });

  it('files a complaint created just after midnight KST under that KST day, not the UTC one', () => {
    const c = complaintContribution(resolved({ complaint: complaintFixture({ createdAt: '2026-03-01T15:05:00.000Z' }) }));
    expect(c.bucket.day).toBe('2026-03-02');
  });

  it('counts an answer after the due time as late, unless an extension moved the due time past it', () => {
    const late = resolved({ complaint: { ...resolved().complaint, dueAt: at(20) } });
    expect(complaintContribution(late).counters.onTime).toBeUndefined();
    const extended = resolved({ complaint: { ...resolved().complaint, dueAt: at(20), extendedDueAt: at(45) } });
    expect(complaintContribution(extended).counters.onTime).toBe(1);
  });

  it('counts the category and agency a counselor set, and the survey asked and answered', () => {
    const detail = resolved({
      complaint: {
        ...resolved().complaint,
        category: '  도로   교통 ',
        agency: '종로구청',
        satisfactionSurvey: { channel: 'sms', language: 'ko', claimedAt: at(61), askedAt: at(61), answer: { kind: 'score', score: 4, at: at(70), sourceId: 'msg_70' } },
      },
    });
    const c = complaintContribution(detail).counters;
    expect(c).toMatchObject({ 'category.도로 교통': 1, 'agency.종로구청': 1, 'survey.asked': 1, 'survey.answered': 1, 'survey.scoreSum': 4, 'survey.score.4': 1 });
  });

  it('counts a declined survey without a score', () => {
    const detail = resolved({
      complaint: { ...resolved().complaint, satisfactionSurvey: { channel: 'chat', language: 'en', claimedAt: at(61), askedAt: at(61), answer: { kind: 'declined', at: at(70), sourceId: 'msg_70' } } },
    });
    const c = complaintContribution(detail).counters;
    expect(c['survey.declined']).toBe(1);
    expect(c['survey.answered']).toBeUndefined();
    expect(c['survey.scoreSum']).toBeUndefined();
  });
});
