import { describe, expect, it } from 'vitest';
import type { ComplaintDetail } from '../../../functions/core/ports/complaint-repository.ts';
import { complaintDetailView } from '../../../functions/core/queries.ts';
import { describeTranslationError } from '../../../functions/core/translation-plan.ts';
import { composeXReply } from '../../../functions/core/x/compose-x-reply.ts';
import { describeError } from '../../../functions/handlers/shared/describe-error.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';

/*
 * Every place personal numbers leave the gateway masks them in every spelling: fullwidth digits
 * and dashes (Korean and Japanese IMEs), dots, slashes and spaces between the two halves.
 */
const SPELLINGS = ['９００１０１－１２３４５６８', '900101.1234568', '900101/1234568', '900101 1234568', '900101  1234568'];

const at = complaintFixture().createdAt;
function detailWith(text: string): ComplaintDetail {
  return {
    complaint: complaintFixture(),
    messages: [
      {
        messageId: 'msg_1',
        complaintId: 'cmp_x',
        direction: 'inbound',
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: 'SM1',
        receivedAt: at,
        text,
        overLength: false,
        language: 'ko',
        translation: { status: 'not_needed', attempts: 0, updatedAt: at },
        attachments: [],
        refusedAttachments: [],
      },
    ],
    statusEvents: [],
    replies: [{ replyId: 'r1', complaintId: 'cmp_x', channel: 'sms', createdAt: at, counselor: 'kim', textKo: `확인: ${text}`, textSent: `확인: ${text}`, language: 'ko', delivery: 'sent' }],
  };
}

const backHalf = /1234568|１２３４５６８/;

describe.each(SPELLINGS)('the registration number %j', (rrn) => {
  it('is masked in the complaint API view (message and replies)', () => {
    const view = complaintDetailView(detailWith(`주민번호 ${rrn} 입니다`));
    expect(view.messages[0]?.text).not.toMatch(backHalf);
    expect(view.messages[0]?.text).toContain('주민번호');
    expect(view.replies[0]?.textKo).not.toMatch(backHalf);
    expect(view.replies[0]?.textSent).not.toMatch(backHalf);
  });

  it('is masked in logged errors', () => {
    expect(describeError(new Error(`provider refused text ${rrn}`)).errorMessage).not.toMatch(backHalf);
    expect(describeTranslationError(new Error(`bad input ${rrn}`))).not.toMatch(backHalf);
  });

  it('keeps a public X reply from being posted', () => {
    const composed = composeXReply(
      { text: `주민번호 ${rrn} 확인했습니다`, language: 'ko' },
      { privateChannels: { sms: '120', chatUrl: 'https://120.seoul.go.kr/chat' }, allowedPublicContacts: [] },
    );
    expect(composed.kind).toBe('refused');
    if (composed.kind === 'refused') expect(composed.found).toContain('rrn');
  });
});

describe('phone numbers leaving the gateway', () => {
  it('are masked in logged errors when two are written in fullwidth and ASCII', () => {
    const { errorMessage } = describeError(new Error('to ０１０－１２３４－５６７８ and 010-9876-5432 failed'));
    expect(errorMessage).toBe('to ０１０－****－５６７８ and 010-****-5432 failed');
  });
});
