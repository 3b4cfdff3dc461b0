import { createHash } from 'node:crypto';
import type { InboundMessage } from '../../schemas/inbound-message.ts';

/** Crockford's base32 alphabet: no I, L, O, U, so ids read aloud over the phone survive. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function crockfordBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** SHA-256 of the parts, NUL-separated so ('ab','c') and ('a','bc') differ. */
export function digestOf(...parts: string[]): Uint8Array {
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest();
}

/**
 * Message id: deterministic from the provider's own id, so every redelivery of the same
 * contact (webhook retry, SQS redelivery, SNS duplicate) lands on the same items.
 * 24 base32 characters = 120 bits.
 */
export function messageIdFor(message: Pick<InboundMessage, 'channel' | 'provider' | 'providerMessageId'>): string {
  return `msg_${crockfordBase32(digestOf('message', message.channel, message.provider, message.providerMessageId)).slice(0, 24).toLowerCase()}`;
}

/** Complaint id: deterministic from the message that founded it. */
export function complaintIdFor(foundingMessageId: string): string {
  return `cmp_${crockfordBase32(digestOf('complaint', foundingMessageId)).slice(0, 24).toLowerCase()}`;
}

export function isComplaintId(value: string): boolean {
  return /^cmp_[0-9a-hjkmnp-tv-z]{24}$/.test(value);
}

/** Status event ids are the zero-padded status version, so the audit trail sorts in order. */
export function statusEventIdFor(version: number): string {
  return `v${String(version).padStart(6, '0')}`;
}
