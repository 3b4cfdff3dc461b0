import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ID_PATTERN, looksLikeToken, newAccountId, newCode, newToken, sameHash, tokenHash } from '../../../functions/core/chat/secrets.ts';
import type { RandomSource } from '../../../functions/core/chat/ports.ts';

/** Hands out the given byte strings in order and records how many bytes each draw asked for. */
function queuedRandom(...draws: number[][]): RandomSource & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    bytes(count: number) {
      asked.push(count);
      const next = draws.shift();
      if (!next || next.length !== count) throw new Error(`no scripted draw of ${count} bytes`);
      return Uint8Array.from(next);
    },
  };
}

describe('chat secrets', () => {
  it('reads a code from four big-endian bytes as six decimal digits, zero-padded', () => {
    expect(newCode(queuedRandom([0, 0, 0, 7]))).toBe('000007');
    expect(newCode(queuedRandom([0x01, 0x02, 0x03, 0x04]))).toBe('909060'); // 16909060
    expect(newCode(queuedRandom([0x80, 0, 0, 1]))).toBe('483649'); // 2147483649, read unsigned
  });

  it('redraws from the largest multiple of a million that fits in 32 bits, so every code is equally likely', () => {
    const random = queuedRandom([0xff, 0xf1, 0x3d, 0x80], [0xff, 0xff, 0xff, 0xff], [0xff, 0xf1, 0x3d, 0x7f]);
    expect(newCode(random)).toBe('999999'); // 4293999999: the last value below the limit 4294000000
    expect(random.asked).toEqual([4, 4, 4]);
  });

  it('makes a token of 32 random bytes, base64url, that looks like a token', () => {
    const random = queuedRandom(Array.from({ length: 32 }, (_, i) => i * 8));
    const token = newToken(random);
    expect(random.asked).toEqual([32]);
    expect(token).toBe(Buffer.from(Array.from({ length: 32 }, (_, i) => i * 8)).toString('base64url'));
    expect(token).toHaveLength(43);
    expect(looksLikeToken(token)).toBe(true);
  });

  it('takes only 43 base64url characters for a token', () => {
    const token = 'A'.repeat(40) + '-_z';
    expect(looksLikeToken(token)).toBe(true);
    for (const other of [token.slice(1), `${token}A`, `x${token}`, `${token.slice(0, 42)}+`, `${token.slice(0, 42)}/`, `${token.slice(0, 42)}=`, '']) {
      expect(looksLikeToken(other), other).toBe(false);
    }
  });

  it('stores a token as its SHA-256 in base64url', () => {
    expect(tokenHash('abc')).toBe(createHash('sha256').update('abc').digest('base64url'));
    expect(tokenHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(tokenHash('한글')).toBe(createHash('sha256').update(Buffer.from('한글', 'utf8')).digest('base64url'));
  });

  it('makes account ids of 16 random bytes that match the account id pattern, and nothing else does', () => {
    const random = queuedRandom(Array.from({ length: 16 }, () => 0xfb));
    const id = newAccountId(random);
    expect(random.asked).toEqual([16]);
    expect(id).toBe(`ca_${Buffer.alloc(16, 0xfb).toString('base64url')}`);
    expect(ACCOUNT_ID_PATTERN.test(id)).toBe(true);
    for (const other of [id.slice(0, -1), `${id}A`, `x${id}`, id.replace('ca_', 'cb_'), `ca_${'+'.repeat(22)}`]) expect(ACCOUNT_ID_PATTERN.test(other), other).toBe(false);
  });

  it('compares hashes whole, of any length, without throwing', () => {
    expect(sameHash('abc', 'abc')).toBe(true);
    expect(sameHash('abc', 'abd')).toBe(false);
    expect(sameHash('abc', 'abcd')).toBe(false);
    expect(sameHash('', '')).toBe(true);
  });
});
