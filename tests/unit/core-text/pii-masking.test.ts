import { describe, expect, it } from 'vitest';
import {
  maskPersonalData,
  maskPhoneNumbersInText,
  maskResidentRegistrationNumbers,
} from '../../../functions/core/pii-masking.ts';

describe('maskResidentRegistrationNumbers', () => {
  it.each([
    ['900101-1234567', '900101-1******'],
    ['9001011234567', '9001011******'],
    ['주민번호는 850315-2345678 입니다', '주민번호는 850315-2****** 입니다'],
    ['010203-3456789', '010203-3******'],
    ['외국인등록번호 920704-5123456', '외국인등록번호 920704-5******'],
    ['001231-8123456', '001231-8******'],
    ['900101 - 1234567', '900101 - 1******'],
    ['900101 1234567', '900101 1******'],
  ])('masks %j keeping the birth date and the gender digit', (text, masked) => {
    expect(maskResidentRegistrationNumbers(text)).toBe(masked);
  });

  it('masks a leap day only in a leap year of the century the gender digit names', () => {
    expect(maskResidentRegistrationNumbers('000229-3123456')).toBe('000229-3******'); // 2000-02-29
    expect(maskResidentRegistrationNumbers('000229-1123456')).toBe('000229-1123456'); // 1900 had no 29 February
  });

  it.each([
    ['901301-1234567', 'month 13'],
    ['900100-1234567', 'day 0'],
    ['900231-1234567', '31 February'],
    ['900431-2234567', '31 April'],
    ['900101-9234567', 'gender digit 9'],
    ['900101-0234567', 'gender digit 0'],
    ['12345678901234', '14 digits'],
    ['1900101-1234567', 'longer digit run'],
    ['900101-12345678', 'back part too long'],
    ['4929000000006', 'a 13-digit card-like number'],
  ])('leaves %j alone (%s: cannot be a registration number)', (text) => {
    expect(maskResidentRegistrationNumbers(text)).toBe(text);
  });

  it.each([
    ['９００１０１－１２３４５６８', '９００１０１－１******', 'fullwidth digits and dash'],
    ['９００１０１-1234568', '９００１０１-1******', 'fullwidth front, ASCII back'],
    ['900101.1234568', '900101.1******', 'a dot'],
    ['900101/1234568', '900101/1******', 'a slash'],
    ['900101  1234568', '900101  1******', 'two spaces'],
    ['900101\u3000 1234568', '900101\u3000 1******', 'an ideographic space'],
    ['900101 / 1234568', '900101 / 1******', 'a spaced slash'],
    ['900101\u22121234568', '900101\u22121******', 'a minus sign'],
    ['900101\uFE631234568', '900101\uFE631******', 'a small hyphen-minus'],
    ['주민번호：９００１０１．１２３４５６８입니다', '주민번호：９００１０１．１******입니다', 'fullwidth digits and a fullwidth dot'],
  ])('masks %j (%s), keeping every unmasked character as written', (text, masked) => {
    expect(maskResidentRegistrationNumbers(text)).toBe(masked);
  });

  it('masks every registration number in a message', () => {
    expect(maskResidentRegistrationNumbers('본인 900101-1234567, 배우자 920202-2345678')).toBe('본인 900101-1******, 배우자 920202-2******');
  });
});

describe('maskPhoneNumbersInText', () => {
  it.each([
    ['연락처 010-1234-5678 로 주세요', '연락처 010-****-5678 로 주세요'],
    ['01012345678', '010****5678'],
    ['010 1234 5678', '010 **** 5678'],
    ['010.1234.5678', '010.****.5678'],
    ['(02) 123-4567', '(02) ***-4567'],
    ['02-1234-5678', '02-****-5678'],
    ['031-123-4567', '031-***-4567'],
    ['070-1234-5678', '070-****-5678'],
    ['+82 10 1234 5678', '+82 10 **** 5678'],
    ['+82-10-1234-5678', '+82-10-****-5678'],
    ['+821012345678', '+8210****5678'],
    ['+82 010-1234-5678', '+82 010-****-5678'],
    ['+82 2 123 4567', '+82 2 *** 4567'],
    ['call +1 415 555 0100 please', 'call +1 *** *** 0100 please'],
  ])('masks %j as %j', (text, masked) => {
    expect(maskPhoneNumbersInText(text)).toBe(masked);
  });

  it('masks two phone numbers in one text, in any mix of forms', () => {
    expect(maskPhoneNumbersInText('집 02-1234-5678, 휴대폰 ０１０－９８７６－５４３２, 회사 +82 10 1111 2222')).toBe(
      '집 02-****-5678, 휴대폰 ０１０－****－５４３２, 회사 +82 10 **** 2222',
    );
    expect(maskPhoneNumbersInText('010-1234-5678 010.9876.5432')).toBe('010-****-5678 010.****.5432');
  });

  it.each([
    ['０１０－１２３４－５６７８', '０１０－****－５６７８'],
    ['＋８２ １０ １２３４ ５６７８', '＋８２ １０ **** ５６７８'],
  ])('masks the fullwidth phone number %j as %j', (text, masked) => {
    expect(maskPhoneNumbersInText(text)).toBe(masked);
  });

  it.each([
    ['2024-01-15 오전 10:30'],
    ['버스 472번, 10분 지연'],
    ['접수번호 SMS-20240115-000123'],
    ['금액 1,250,000원'],
    ['120 다산콜센터'],
  ])('leaves text without phone numbers untouched: %j', (text) => {
    expect(maskPhoneNumbersInText(text)).toBe(text);
  });
});

describe('masking keeps what it does not mask as written', () => {
  it('keeps a fullwidth asterisk the citizen typed, beside a masked number', () => {
    expect(maskPhoneNumbersInText('＊ 010-1234-5678 ＊')).toBe('＊ 010-****-5678 ＊');
  });
});

describe('maskPersonalData', () => {
  it('masks registration and phone numbers together', () => {
    expect(maskPersonalData('제 주민번호 900101-1234567, 전화 010-1234-5678 입니다')).toBe(
      '제 주민번호 900101-1******, 전화 010-****-5678 입니다',
    );
  });

  it('masks registration and phone numbers written with fullwidth digits in one text', () => {
    const masked = maskPersonalData('주민 ９００１０１／１２３４５６８, 전화 ０１０ １２３４ ５６７８ 또는 010-9876-5432');
    expect(masked).toBe('주민 ９００１０１／１****** , 전화 ０１０ **** ５６７８ 또는 010-****-5432'.replace('****** ,', '******,'));
  });

  it('does not let the phone rule eat into a registration number', () => {
    expect(maskPersonalData('9001011234567')).toBe('9001011******');
  });

  it('keeps every other character byte for byte, emoji and Hangul included', () => {
    const text = '안녕하세요 👋🏽 가족👨‍👩‍👧 신고: 900101-1234567 ☎ 010-1234-5678 — 감사합니다! 🙏\u200d e\u0301 \u{1F1F0}\u{1F1F7}';
    const masked = maskPersonalData(text);
    const expected = text.replace('900101-1234567', '900101-1******').replace('010-1234-5678', '010-****-5678');
    expect(Buffer.from(masked, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(masked).not.toContain('1234567');
  });

  it('returns text without personal numbers unchanged, same string', () => {
    const text = '지하철 2호선 신도림역 에스컬레이터 고장 🛗';
    expect(maskPersonalData(text)).toBe(text);
  });
});
