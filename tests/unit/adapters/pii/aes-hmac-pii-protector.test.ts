import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesHmacPiiProtector, SealedValueError } from '../../../../functions/adapters/pii/aes-hmac-pii-protector.ts';

const keys = () => ({ hmacKey: randomBytes(32), sealKey: randomBytes(32) });

/** Flips one bit of a base64url segment's first byte and re-encodes it. */
function flipFirstBit(segment: string): string {
  const bytes = Buffer.from(segment, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

describe('AesHmacPiiProtector', () => {
  const protector = new AesHmacPiiProtector(keys());

  it('hashes one handle to the same base64url value every time, and different handles apart', () => {
    const a = protector.hash('+821012345678');
    expect(a).toBe(protector.hash('+821012345678'));
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(protector.hash('+821012345679')).not.toBe(a);
  });

  it('matches HMAC-SHA256 of a known key and message (RFC 4231 test case 2)', () => {
    const rfcKey = Buffer.alloc(32);
    rfcKey.write('Jefe');
    // RFC 4231 uses the 4-byte key "Jefe"; HMAC pads short keys with zeros to the block size,
    // so the zero-padded 32-byte key gives the same MAC.
    const known = new AesHmacPiiProtector({ hmacKey: rfcKey, sealKey: randomBytes(32) });
    expect(Buffer.from(known.hash('what do ya want for nothing?'), 'base64url').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('hashes differently under another key, so hashes are useless without it', () => {
    expect(new AesHmacPiiProtector(keys()).hash('+821012345678')).not.toBe(protector.hash('+821012345678'));
  });

  it('seals to v1.<iv>.<ciphertext>.<tag> with a fresh IV each time, and opens back to the handle', () => {
    const first = protector.seal('+821012345678');
    const second = protector.seal('+821012345678');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('1012345678');
    expect(protector.open(first)).toBe('+821012345678');
    expect(protector.open(second)).toBe('+821012345678');
  });

  it('round-trips non-ASCII handles byte for byte', () => {
    expect(protector.open(protector.seal('김민수 👋 chat-계정'))).toBe('김민수 👋 chat-계정');
  });

  it.each(['iv', 'ciphertext', 'tag'])('refuses a sealed value whose %s was tampered with', (part) => {
    const segments = protector.seal('+821012345678').split('.');
    const index = { iv: 1, ciphertext: 2, tag: 3 }[part] ?? 0;
    segments[index] = flipFirstBit(segments[index] ?? '');
    expect(() => protector.open(segments.join('.'))).toThrow(SealedValueError);
  });

  it('refuses a value sealed under another key', () => {
    const sealed = new AesHmacPiiProtector(keys()).seal('+821012345678');
    expect(() => protector.open(sealed)).toThrow(/failed authentication/);
  });

  it.each(['', 'v1', 'v2.a.b.c', 'v1.a.b', 'v1.!!!.b.c', '+821012345678'])('refuses the malformed sealed value %j', (sealed) => {
    expect(() => protector.open(sealed)).toThrow(SealedValueError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new AesHmacPiiProtector({ hmacKey: randomBytes(16), sealKey: randomBytes(32) })).toThrow(/32 bytes/);
  });
});
