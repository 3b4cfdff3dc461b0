import { describe, expect, it } from 'vitest';
import {
  InvalidHandleError,
  countryCodeLength,
  isReachableHandle,
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
    ['041-123-4567', '+82411234567'],
    ['042-1234-5678', '+824212345678'],
    ['044-123-4567', '+82441234567'],
    ['051-123-4567', '+82511234567'],
    ['053-1234-5678', '+825312345678'],
    ['055-123-4567', '+82551234567'],
    ['061-123-4567', '+82611234567'],
    ['033-123-4567', '+82331234567'],
    ['0502-123-4567', '+825021234567'],
    ['0505-1234-5678', '+8250512345678'],
    ['0508-123-4567', '+825081234567'],
    ['016-123-4567', '+82161234567'],
    ['019-1234-5678', '+821912345678'],
    ['1688-1234', '+8216881234'],
    ['1800-1234', '+8218001234'],
    ['15881234', '+8215881234'],
  ])('normalises the Korean landline/service number %j', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    // Each would pass one prefix rule if that rule were not anchored at the first digit.
    ['099-1012-3456', 'mobile 10'],
    ['099-1112-345', 'legacy mobile 11'],
    ['099-158-812', 'representative 1588'],
    ['099-234-567', 'Seoul 2'],
    ['099-311-2345', 'area code 31'],
    ['099-7012-3456', 'VoIP 70'],
    ['099-5051-2345', 'personal 0505'],
    ['099-801-2345', 'toll-free 80'],
    // Prefixes next to assigned ones, and lengths just outside a rule.
    ['034-123-4567', 'area code 34'],
    ['045-123-4567', 'area code 45'],
    ['056-123-4567', 'area code 56'],
    ['065-123-4567', 'area code 65'],
    ['0501-123-4567', 'personal 0501'],
    ['0509-123-4567', 'personal 0509'],
    ['012-123-4567', 'mobile 12'],
    ['015-123-4567', 'mobile 15'],
    ['071-1234-5678', 'VoIP 71'],
    ['081-123-4567', 'toll-free 81'],
    ['02-123-456', 'Seoul, 7 digits'],
    ['02-1234-56789', 'Seoul, 10 digits'],
    ['070-123-4567', 'VoIP, 9 digits'],
    ['0505-123-456', 'personal, 9 digits'],
    ['0505-1234-56789', 'personal, 12 digits'],
    ['051-12-3456', 'area code, 8 digits'],
    ['051-12345-6789', 'area code, 11 digits'],
    ['080-12-3456', 'toll-free, 8 digits'],
  ])('refuses the unassigned Korean number %j (%s)', (raw) => {
    expect(() => normalizePhone(raw)).toThrow(/not a valid Korean phone number/);
  });

  it.each([
    ['99 10 1234 5678', 'a Korean mobile number behind an unknown prefix is not +82'],
    ['8312345678', 'a Korean-looking number behind another prefix than 82'],
    ['915881234', 'a representative number behind another digit'],
    ['158812345', 'a representative number with a digit too many'],
    ['1588-12345', 'a representative number with a digit too many, dashed'],
    ['1488-1234', 'not a representative number (14xx)'],
  ])('refuses %j without a country code or trunk prefix (%s)', (raw) => {
    expect(() => normalizePhone(raw)).toThrow(/neither a country code/);
  });

  it('keeps a trunk 0 written inside the number apart from the one after +82', () => {
    expect(normalizePhone('+82 (0)2-123-4567')).toBe('+8221234567');
    expect(normalizePhone('0082-02-123-4567')).toBe('+8221234567');
    expect(normalizePhone('TEL: 010-1234-5678')).toBe('+821012345678');
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

  it('accepts a chat account id of up to 256 characters after trimming, not one more', () => {
    const longest = 'a'.repeat(256);
    expect(normalizeHandle('chat-account', ` ${longest} `)).toBe(longest);
    expect(() => normalizeHandle('chat-account', `${longest}b`)).toThrow(/longer than 256/);
    expect(() => normalizeHandle('chat-account', 'abc\u200bdef')).toThrow(/control/);
  });

  it('accepts an anonymous caller handle only as anonymous-caller:<contact id>', () => {
    const handle = 'anonymous-caller:4f0c2d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f';
    expect(normalizeHandle('anonymous-caller', handle)).toBe(handle);
    expect(normalizeHandle('anonymous-caller', `anonymous-caller:${'x'.repeat(200)}`)).toBe(`anonymous-caller:${'x'.repeat(200)}`);
    for (const raw of [
      'anonymous-caller:',
      `anonymous-caller:${'x'.repeat(201)}`,
      'anonymous-caller:has space',
      'anonymous-caller:ends-with-newline\n',
      ` ${handle}`,
      'caller:abc',
      '+821012345678',
    ]) {
      expect(() => normalizeHandle('anonymous-caller', raw), JSON.stringify(raw)).toThrow(/anonymous-caller:<contact id>/);
    }
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
    ['+442079460958', '+44 ******-0958'],
    ['+35312345678', '+353 ****-5678'],
    ['+825051234567', '+82 505-***-4567'],
    ['+8250412345678', '+82 504-****-5678'],
    ['+827012345678', '+82 70-****-5678'],
    ['+1234567', '+1 **-4567'],
    ['+123456', '+1 *-3456'],
    ['+8212345', '+82 *-2345'],
  ])('masks %s as %s, keeping only the country code, prefix and last 4 digits', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it('never shows the middle digits', () => {
    expect(maskPhone('+821098765432')).not.toContain('9876');
  });

  it('shows nothing of a number too short to mask', () => {
    expect(maskPhone('+12345')).toBe('****');
    expect(maskPhone('')).toBe('****');
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
    expect(maskHandle('x-user', '1234')).toBe('****');
    expect(maskHandle('x-user', '12345')).toBe('****2345');
  });

  it('keeps one character of a chat account of up to 3, two and the last of a longer one', () => {
    expect(maskHandle('chat-account', 'abc')).toBe('a***');
    expect(maskHandle('chat-account', 'abcd')).toBe('ab***d');
    expect(maskHandle('chat-account', '😀😁😂😃')).toBe('😀😁***😃');
  });

  it('shows an anonymous caller as such, never its contact id', () => {
    expect(maskHandle('anonymous-caller', 'anonymous-caller:4f0c2d3e')).toBe('anonymous caller');
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
    // Each two-digit range of the zone plan at its edges, and a three-digit code next to it.
    ['201234567', 2],
    ['212123456', 3],
    ['271234567', 2],
    ['301234567', 2],
    ['351212345', 3],
    ['341234567', 2],
    ['361234567', 2],
    ['371234567', 3],
    ['391234567', 2],
    ['401234567', 2],
    ['420123456', 3],
    ['431234567', 2],
    ['442079460', 2],
    ['491234567', 2],
    ['501234567', 3],
    ['511234567', 2],
    ['581234567', 2],
    ['591234567', 3],
    ['601234567', 2],
    ['661234567', 2],
    ['671234567', 3],
    ['801234567', 3],
    ['811234567', 2],
    ['831234567', 3],
    ['861234567', 2],
    ['871234567', 3],
    ['901234567', 2],
    ['951234567', 2],
    ['961234567', 3],
    ['981234567', 2],
    ['991234567', 3],
    ['271734567', 2],
    ['351234567', 3],
  ])('reads the country code length of %s as %d', (digits, length) => {
    expect(countryCodeLength(digits)).toBe(length);
  });
});

describe('handle edges (mutation testing, second round)', () => {
  it('names its error InvalidHandleError, as logs and callers see it', () => {
    expect(new InvalidHandleError('x').name).toBe('InvalidHandleError');
  });

  it('trims what follows tel: before reading a leading +', () => {
    expect(normalizePhone('tel: +1 415 555 0100')).toBe('+14155550100');
  });

  it('takes an international number of exactly 8 and exactly 15 digits', () => {
    expect(normalizePhone('+1 234 5678')).toBe('+12345678');
    expect(normalizePhone('+1 234 567 890 12345')).toBe('+123456789012345');
  });

  it('reads 82 without + or 00 as Korea only when the rest is a Korean number, with or without its trunk 0', () => {
    expect(normalizePhone('82 010 1234 5678')).toBe('+821012345678');
    // Dropping some other 0 than the trunk one would make 1123405678, a valid 011 number.
    expect(() => normalizePhone('82 10 1234 05678')).toThrow(/neither a country code/);
  });

  it('says why a chat account id or an X user id is refused', () => {
    expect(() => normalizeHandle('chat-account', ' ')).toThrow(new InvalidHandleError('empty chat account id'));
    expect(() => normalizeHandle('x-user', 'abc')).toThrow(new InvalidHandleError('X user id must be 1 to 20 digits'));
  });

  it('tells a reachable handle from one that does not normalise, and lets any other error through', () => {
    expect(isReachableHandle('phone', '010-1234-5678')).toBe(true);
    expect(isReachableHandle('email', 'citizen@example.org')).toBe(true);
    expect(isReachableHandle('phone', 'SEOUL120')).toBe(false);
    expect(() => isReachableHandle('phone', null as unknown as string)).toThrow(TypeError);
  });

  it('accepts an anonymous web handle only as web-anonymous:<request> of 1 to 200 printable characters', () => {
    expect(normalizeHandle('web-anonymous', `web-anonymous:${'x'.repeat(200)}`)).toBe(`web-anonymous:${'x'.repeat(200)}`);
    for (const raw of ['web-anonymous:', `web-anonymous:${'x'.repeat(201)}`, 'web-anonymous:a b', 'xweb-anonymous:abc', 'web-anonymous:abc\n', 'web-anonymous:한']) {
      expect(() => normalizeHandle('web-anonymous', raw), JSON.stringify(raw)).toThrow(new InvalidHandleError('anonymous web handle must be web-anonymous:<request>'));
    }
  });

  it('takes an email address of up to 254 characters and nothing around it', () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(185)}.org`;
    expect(longest).toHaveLength(254);
    expect(normalizeHandle('email', longest)).toBe(longest);
    for (const raw of [`${'a'.repeat(64)}@${'b'.repeat(186)}.org`, `${'a'.repeat(65)}@example.org`, '<a@example.org', 'a@example.org>', 'a@example.o', 'a@.org']) {
      expect(() => normalizeHandle('email', raw), raw).toThrow(new InvalidHandleError('not an email address (local@domain.tld)'));
    }
    expect(normalizeHandle('email', 'Kim.Minji+120@Mail.Example.ORG')).toBe('Kim.Minji+120@mail.example.org');
  });

  it('masks an email to its first character, whole, and its domain', () => {
    expect(maskHandle('email', '홍길동@example.org')).toBe('홍***@example.org');
    expect(maskHandle('email', '😀a@example.org')).toBe('😀***@example.org');
  });

  it('keeps 050x personal numbers and other prefixes apart when masking', () => {
    expect(maskPhone('+821050501234')).toBe('+82 10-****-1234');
    // Too short to hide anything between the Seoul prefix and the last four: masked as a foreign number.
    expect(maskPhone('+8221234')).toBe('+82 *-1234');
  });

  it('masks an empty chat account id to the stars alone', () => {
    expect(maskHandle('chat-account', '')).toBe('***');
  });
});
