import { describe, expect, it } from 'vitest';
import { complaintIdFor, crockfordBase32, isComplaintId, messageIdFor } from '../../../functions/core/ids.ts';
import { normalizeReceiptNo, receiptNoFor } from '../../../functions/core/receipt.ts';

const message = { channel: 'sms', provider: 'twilio', providerMessageId: 'SM1234567890abcdef1234567890abcdef', receivedAt: '2026-03-02T01:00:00Z' } as const;

describe('receipt numbers', () => {
  it('reads YYYYMMDD-XXXXX-XXXXX with the KST date and Crockford base32', () => {
    expect(receiptNoFor(message)).toMatch(/^20260302-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
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
  });

  it('refuses what cannot be a receipt number', () => {
    expect(normalizeReceiptNo('cmp_abc')).toBeNull();
    expect(normalizeReceiptNo('2026030-ABCDE-ABCDE')).toBeNull();
    expect(normalizeReceiptNo('20260302-ABCDU-ABCDE')).toBeNull();
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
