import { describe, expect, it } from 'vitest';
import { InvalidHandleError, maskHandle, normalizeHandle } from '../../../functions/core/citizen-handle.ts';
import { maskName, normalizeName } from '../../../functions/core/open311/protect-report.ts';

describe('Open311 contact details as handles', () => {
  it('spells one email address one way: NFKC, trimmed, domain lower-cased', () => {
    expect(normalizeHandle('email', '  Citizen@Example.ORG ')).toBe('Citizen@example.org');
    expect(normalizeHandle('email', 'ｃｉｔｉｚｅｎ@example.org')).toBe('citizen@example.org');
  });

  it('refuses what is not an email address', () => {
    for (const raw of ['', 'citizen', 'citizen@', '@example.org', 'a b@example.org', 'a@b@example.org', 'citizen@localhost']) {
      expect(() => normalizeHandle('email', raw), raw).toThrow(InvalidHandleError);
    }
  });

  it('masks an email to its first character and domain', () => {
    expect(maskHandle('email', 'citizen@example.org')).toBe('c***@example.org');
  });

  it('keeps an anonymous web handle per request and shows it as anonymous', () => {
    expect(normalizeHandle('web-anonymous', 'web-anonymous:abc')).toBe('web-anonymous:abc');
    expect(() => normalizeHandle('web-anonymous', 'abc')).toThrow(InvalidHandleError);
    expect(maskHandle('web-anonymous', 'web-anonymous:abc')).toBe('anonymous web request');
  });

  it('writes a name family name first, one space between parts, and masks all but its first character', () => {
    expect(normalizeName(' 길동 ', '홍')).toBe('홍 길동');
    expect(normalizeName('John', undefined)).toBe('John');
    expect(normalizeName('  ', '')).toBeNull();
    expect(maskName('홍 길동')).toBe('홍**');
    expect(maskName('Smith John')).toBe('S**');
  });
});
