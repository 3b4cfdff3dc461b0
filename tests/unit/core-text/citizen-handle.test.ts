import { describe, expect, it } from 'vitest';
import {
  InvalidHandleError,
  countryCodeLength,
  maskHandle,
  maskPhone,
  normalizeHandle,
  normalizePhone,
} from '../../../functions/core/citizen-handle.ts';

describe('normalizePhone', () => {
  it.each([
    '010-1234-5678',
    '01012345678',
    '010 1234 5678',
    '010.1234.5678',
    '(010) 1234-5678',
    '+82 10 1234 5678',
    '+82-10-1234-5678',
    '+821012345678',
    '+82 (0)10-1234-5678',
    '+82 010-1234-5678',
    '82 10 1234 5678',
    '821012345678',
    '0082 10 1234 5678',
    '  010-1234-5678\n',
    'tel:+82-10-1234-5678',
    '０１０－１２３４－５６７８',
  ])('turns %j into the one E.164 form of the same citizen', (raw) => {
    expect(normalizePhone(raw)).toBe('+821012345678');
  });

  it.each([
    ['(02) 123-4567', '+8221234567'],
    ['02-1234-5678', '+82212345678'],
    ['031-123-4567', '+82311234567'],
    ['064 1234 5678', '+826412345678'],
    ['070-1234-5678', '+827012345678'],
    ['011-123-4567', '+82111234567'],
    ['1588-1234', '+8215881234'],
    ['080-123-4567', '+82801234567'],
  ])('normalises the Korean landline/service number %j', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['+1 415-555-0100', '+14155550100'],
    ['+1 (415) 555 0100', '+14155550100'],
    ['+84 90 123 4567', '+84901234567'],
    ['+976 8811 2233', '+97688112233'],
    ['0086 138 0013 8000', '+8613800138000'],
  ])('keeps the international number %j with its country code', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['call me', /characters/],
    ['010-1234-567a', /characters/],
    ['+', /no digits/],
    ['010-1234-567', /Korean/],
    ['010-1234-56789', /Korean/],
    ['02-12', /Korean/],
    ['+82 99 1234 5678', /Korean/],
    ['120', /country code/],
    ['4155550100', /country code/],
    ['+0 123 4567 890', /country code/],
    ['+1 555', /8 to 15/],
    ['+1 2345 6789 0123 4567', /8 to 15/],
    ['+82+10 1234 5678', /\+/],
    ['010+1234', /\+/],
  ])('refuses the junk %j with a reason', (raw, reason) => {
    expect(() => normalizePhone(raw)).toThrow(InvalidHandleError);
    expect(() => normalizePhone(raw)).toThrow(reason);
  });

  it('does not repeat the raw value in the error message (it is personal data)', () => {
    try {
      normalizePhone('010-9876-543');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('9876');
    }
  });
});

describe('normalizeHandle', () => {
  it('normalises phone handles to E.164', () => {
    expect(normalizeHandle('phone', '010-1234-5678')).toBe('+821012345678');
  });

  it('trims chat account ids and refuses empty or control characters', () => {
    expect(normalizeHandle('chat-account', '  user-7f3a9c  ')).toBe('user-7f3a9c');
    expect(() => normalizeHandle('chat-account', '   ')).toThrow(InvalidHandleError);
    expect(() => normalizeHandle('chat-account', 'abc\u0000def')).toThrow(/control/);
  });

  it('keeps an X user id above 2^53 exactly as the digit string it is', () => {
    expect(normalizeHandle('x-user', '1592837465019283746')).toBe('1592837465019283746');
  });

  it.each(['12a34', ' 12345', '-1', '1e10', '', '123456789012345678901'])('refuses the X user id %j', (raw) => {
    expect(() => normalizeHandle('x-user', raw)).toThrow(InvalidHandleError);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+821012345678', '+82 10-****-5678'],
    ['+82111234567', '+82 11-***-4567'],
    ['+8221234567', '+82 2-***-4567'],
    ['+82212345678', '+82 2-****-5678'],
    ['+82311234567', '+82 31-***-4567'],
    ['+8215881234', '+82 15-**-1234'],
    ['+14155550100', '+1 ******-0100'],
    ['+97688112233', '+976 ****-2233'],
    ['+84901234567', '+84 *****-4567'],
  ])('masks %s as %s, keeping only the country code, prefix and last 4 digits', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it('never shows the middle digits', () => {
    expect(maskPhone('+821098765432')).not.toContain('9876');
  });
});

describe('maskHandle', () => {
  it('masks phone handles like maskPhone', () => {
    expect(maskHandle('phone', '+821012345678')).toBe('+82 10-****-5678');
  });

  it('keeps only the first two and last character of a chat account', () => {
    expect(maskHandle('chat-account', 'kim.minsu@example')).toBe('ki***e');
    expect(maskHandle('chat-account', 'ab')).toBe('a***');
    expect(maskHandle('chat-account', '김민수님안녕')).toBe('김민***녕');
  });

  it('keeps only the last 4 digits of an X user id', () => {
    expect(maskHandle('x-user', '1592837465019283746')).toBe('****3746');
    expect(maskHandle('x-user', '123')).toBe('****');
  });
});

describe('countryCodeLength', () => {
  it.each([
    ['14155550100', 1],
    ['74951234567', 1],
    ['821012345678', 2],
    ['8613800138000', 2],
    ['84901234567', 2],
    ['97688112233', 3],
    ['85212345678', 3],
  ])('reads the country code length of %s as %d', (digits, length) => {
    expect(countryCodeLength(digits)).toBe(length);
  });
});
