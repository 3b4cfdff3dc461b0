import { countryCodeLength } from './citizen-handle.ts';

/*
 * Masks personal numbers inside free text for what the API and the console show. The stored
 * original stays byte for byte; only matched digits are replaced, so Hangul, emoji and every
 * other character pass through untouched.
 */

/**
 * Resident registration number (주민등록번호) and foreigner registration number: YYMMDD, an
 * optional separator, then a century/gender digit 1-8 and six digits. The check digit is not
 * validated: numbers issued since October 2020 no longer carry one.
 */
const RRN = /(?<![\d])(\d{2})(0[1-9]|1[0-2])(\d{2})(\s?[-\u2010-\u2015\u2212]\s?|\s)?([1-8])(\d{6})(?![\d])/gu;

const CENTURY_BY_DIGIT: Record<string, number> = { '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };

function isCalendarDate(yy: string, mm: string, dd: string, genderDigit: string): boolean {
  const year = (CENTURY_BY_DIGIT[genderDigit] ?? 1900) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** 900101-1234567 -> 900101-1******; 13-digit strings that cannot be an RRN stay as they are. */
export function maskResidentRegistrationNumbers(text: string): string {
  return text.replace(RRN, (match: string, yy: string, mm: string, dd: string, sep: string | undefined, gender: string, rest: string) => {
    if (!isCalendarDate(yy, mm, dd, gender)) return match;
    return `${yy}${mm}${dd}${sep ?? ''}${gender}${'*'.repeat(rest.length)}`;
  });
}

const SEP = String.raw`[-.\s]?`;
/** Korean domestic numbers: mobile 010/011/016-019, Seoul 02, area codes, 070, 050x, 080. */
const KR_DOMESTIC = new RegExp(
  String.raw`(?<![\d+*])(\(?0(?:1[016-9]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8]|80)\)?)(${SEP})(\d{3,4})(${SEP})(\d{4})(?![\d*])`,
  'gu',
);
/** International form with a leading +, up to 15 digits with the usual separators. */
const INTERNATIONAL = /(?<![\d+*])\+\d(?:[\s\-.()]{0,2}\d){7,14}(?![\d*])/gu;

function maskDigitsBetween(text: string, keepLeadingDigits: number): string {
  const total = (text.match(/\d/g) ?? []).length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= keepLeadingDigits || seen > total - 4 ? digit : '*';
  });
}

function maskInternational(match: string): string {
  const digits = match.replace(/\D/g, '');
  const cc = countryCodeLength(digits);
  let keep = cc;
  if (digits.startsWith('82')) {
    // Keep the mobile/area prefix like the domestic form: +82 10-****-5678.
    const nsn = digits.slice(2).replace(/^0/, '');
    keep = 2 + (digits.length - 2 - nsn.length) + (nsn.startsWith('2') ? 1 : 2);
  }
  return maskDigitsBetween(match, Math.min(keep, digits.length - 4));
}

/** 010-1234-5678 -> 010-****-5678, +82 10 1234 5678 -> +82 10 **** 5678. */
export function maskPhoneNumbersInText(text: string): string {
  return text
    .replace(INTERNATIONAL, (match) => maskInternational(match))
    .replace(KR_DOMESTIC, (_m, prefix: string, sep1: string, middle: string, sep2: string, last: string) => {
      return `${prefix}${sep1}${'*'.repeat(middle.length)}${sep2}${last}`;
    });
}

/** Masks resident registration numbers first (they contain phone-like digit runs), then phones. */
export function maskPersonalData(text: string): string {
  return maskPhoneNumbersInText(maskResidentRegistrationNumbers(text));
}
