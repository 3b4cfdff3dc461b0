import { describe, expect, it } from 'vitest';
import { complaintIdFor, crockfordBase32, isComplaintId, messageIdFor } from '../../../functions/core/ids.ts';
import { normalizeReceiptNo, previewReceipt, receiptNoFor } from '../../../functions/core/receipt.ts';
import type { ComplaintRepository, MessageClaim, OpenComplaintPointer, VersionedComplaint } from '../../../functions/core/ports/complaint-repository.ts';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';
import { testPiiProtector } from '../../support/in-memory-ports.ts';

const message = { channel: 'sms', provider: 'twilio', providerMessageId: 'SM1234567890abcdef1234567890abcdef', receivedAt: '2026-03-02T01:00:00Z' } as const;

describe('receipt numbers', () => {
  it('reads YYYYMMDD-XXXXX-XXXXX with the KST date and Crockford base32', () => {
    expect(receiptNoFor(message)).toMatch(/^20260302-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('keeps the number a message was given: the edge tells it before the pipeline derives it again', () => {
    expect(receiptNoFor(message)).toBe('20260302-TR7PB-RZ1DZ');
  });

  it('uses the Korean calendar day, not the UTC one', () => {
    expect(receiptNoFor({ ...message, receivedAt: '2026-03-01T15:00:00Z' }).slice(0, 8)).toBe('20260302');
    expect(receiptNoFor({ ...message, receivedAt: '2026-03-01T14:59:59.999Z' }).slice(0, 8)).toBe('20260301');
    expect(receiptNoFor({ ...message, receivedAt: '2026-03-02T08:30:00+09:00' }).slice(0, 8)).toBe('20260302');
  });

  it('is the same for every delivery of one provider message and differs between messages', () => {
    expect(receiptNoFor({ ...message })).toBe(receiptNoFor(message));
    expect(receiptNoFor({ ...message, providerMessageId: 'SM1234567890abcdef1234567890abcdee' })).not.toBe(receiptNoFor(message));
    expect(receiptNoFor({ ...message, provider: 'aws-eum' })).not.toBe(receiptNoFor(message));
  });

  it('forgives case, spaces, missing dashes and Crockford look-alikes when a citizen types it', () => {
    const receipt = receiptNoFor(message);
    expect(normalizeReceiptNo(receipt.toLowerCase())).toBe(receipt);
    expect(normalizeReceiptNo(` ${receipt.replaceAll('-', '')} `)).toBe(receipt);
    expect(normalizeReceiptNo('20260302-0OIL1-ABCDE')).toBe('20260302-00111-ABCDE');
    expect(normalizeReceiptNo('20260302-oilo1-abcde')).toBe('20260302-01101-ABCDE');
    expect(normalizeReceiptNo('20260302_ABCDE_ABCDE')).toBe('20260302-ABCDE-ABCDE');
    expect(normalizeReceiptNo('\t20260302 - ABCDE -\u3000ABCDE\n')).toBe('20260302-ABCDE-ABCDE');
    expect(normalizeReceiptNo('20260302-ABCDEABCDE')).toBe('20260302-ABCDE-ABCDE');
  });

  it('refuses what cannot be a receipt number', () => {
    expect(normalizeReceiptNo('cmp_abc')).toBeNull();
    expect(normalizeReceiptNo('2026030-ABCDE-ABCDE')).toBeNull();
    expect(normalizeReceiptNo('20260302-ABCDU-ABCDE')).toBeNull();
    expect(normalizeReceiptNo('20260302-ABCDE-ABCDU')).toBeNull();
    expect(normalizeReceiptNo('')).toBeNull();
  });

  it('refuses a receipt number with anything more on either end', () => {
    for (const input of ['X20260302-ABCDE-ABCDE', '120260302-ABCDE-ABCDE', '20260302-ABCDE-ABCDE1', '20260302-ABCDE-ABCDE-', '#20260302-ABCDE-ABCDE', '20260302-ABCDE-ABCDE?']) {
      expect(normalizeReceiptNo(input), input).toBeNull();
    }
  });

  it('refuses doubled dashes and characters outside the alphabet', () => {
    for (const input of ['20260302--ABCDE-ABCDE', '20260302-ABCD-ABCDEF', '2026030A-ABCDE-ABCDE', '20260302-ABC*E-ABCDE', '20260302-ABCDE-ABCD']) {
      expect(normalizeReceiptNo(input), input).toBeNull();
    }
  });
});

describe('previewReceipt', () => {
  const inbound = InboundMessageSchema.parse({
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: 'SM00000000000000000000000000000001',
    citizenHandle: '010-1234-5678',
    citizenHandleKind: 'phone',
    recipient: '+8215880120',
    text: '가로등 고장',
    receivedAt: '2026-03-02T01:00:00.000Z',
  });
  const pii = testPiiProtector();
  const citizenHash = pii.hash('+821012345678');
  const founding = complaintFixture({ complaintId: 'cmp_founding', receiptNo: '20260301-AAAAA-BBBBB' });

  /** Only the three reads a preview makes; a pointer is found only under this citizen's key. */
  function repository(state: { claim?: MessageClaim; pointer?: OpenComplaintPointer; stored?: VersionedComplaint }): ComplaintRepository {
    const reads: Pick<ComplaintRepository, 'getMessageClaim' | 'getOpenPointer' | 'getComplaint'> = {
      getMessageClaim: async () => state.claim ?? null,
      getOpenPointer: async (channel, key) => (channel === 'sms' && key === citizenHash ? (state.pointer ?? null) : null),
      getComplaint: async (id) => (state.stored?.complaintId === id ? state.stored : null),
    };
    return reads as ComplaintRepository;
  }
  const pointer: OpenComplaintPointer = { channel: 'sms', citizenHash, complaintId: founding.complaintId, foundingMessageId: 'msg_founding', complaint: founding };

  it('answers from the claim of a message already taken in', async () => {
    const claim: MessageClaim = {
      messageId: 'msg_x', complaintId: 'cmp_x', complaintReceiptNo: '20260301-CCCCC-DDDDD', messageReceiptNo: receiptNoFor(inbound), newComplaint: false, claimedAt: '2026-03-02T01:00:01.000Z',
    };
    expect(await previewReceipt({ repository: repository({ claim, pointer, stored: founding }), pii }, inbound)).toEqual({ receiptNo: '20260301-CCCCC-DDDDD', joinedExisting: true });
    expect(await previewReceipt({ repository: repository({ claim: { ...claim, newComplaint: true } }), pii }, inbound)).toEqual({ receiptNo: '20260301-CCCCC-DDDDD', joinedExisting: false });
  });

  it("joins the open complaint's number while its first message is still being stored", async () => {
    expect(await previewReceipt({ repository: repository({ pointer }), pii }, inbound)).toEqual({ receiptNo: founding.receiptNo, joinedExisting: true });
  });

  it('joins an open complaint, using its stored number', async () => {
    const stored = { ...founding, status: 'in_progress', receiptNo: '20260301-EEEEE-FFFFF' } as const;
    expect(await previewReceipt({ repository: repository({ pointer, stored }), pii }, inbound)).toEqual({ receiptNo: '20260301-EEEEE-FFFFF', joinedExisting: true });
  });

  it("gives the message's own number when the pointed complaint is closed, or there is none", async () => {
    const closed = { ...founding, status: 'closed' } as const;
    expect(await previewReceipt({ repository: repository({ pointer, stored: closed }), pii }, inbound)).toEqual({ receiptNo: receiptNoFor(inbound), joinedExisting: false });
    expect(await previewReceipt({ repository: repository({}), pii }, inbound)).toEqual({ receiptNo: receiptNoFor(inbound), joinedExisting: false });
  });
});

describe('ids', () => {
  it('encodes bytes in Crockford base32', () => {
    expect(crockfordBase32(new TextEncoder().encode('f'))).toBe('CR');
    expect(crockfordBase32(Uint8Array.from([0xff]))).toBe('ZW');
    expect(crockfordBase32(new Uint8Array())).toBe('');
  });

  it('derives message ids from channel, provider and provider id only', () => {
    expect(messageIdFor(message)).toBe(messageIdFor({ ...message, providerMessageId: message.providerMessageId }));
    expect(messageIdFor(message)).not.toBe(messageIdFor({ ...message, channel: 'chat' }));
    expect(messageIdFor(message)).toMatch(/^msg_[0-9a-z]{24}$/);
  });

  it('derives a recognisable complaint id from the founding message', () => {
    const id = complaintIdFor(messageIdFor(message));
    expect(isComplaintId(id)).toBe(true);
    expect(complaintIdFor(messageIdFor(message))).toBe(id);
    expect(isComplaintId('20260302-ABCDE-ABCDE')).toBe(false);
  });
});
