import { countryCodeLength } from './citizen-handle.ts';

/*
 * Masks personal numbers inside free text for what the API and the console show. The stored
 * original stays byte for byte; only matched digits are replaced, so Hangul, emoji and every
 * other character pass through untouched.
 *
 * Matching runs on a folded copy of the text: each code point is NFKC-normalised on its own, so
 * fullwidth digits and signs typed on Korean and Japanese keyboards (９００１０１－１２３４５６７)
 * match like ASCII, and dash look-alikes fold to "-". The copy has exactly one UTF-16 unit per
 * code point of the original, so a position found there is the same code point in the original:
 * the masked digits become "*", everything else is written as the citizen wrote it.
 */

/**
 * Resident registration number (주민등록번호) and foreigner registration number: YYMMDD, an
 * optional separator, then a century/gender digit 1-8 and six digits. The check digit is not
 * validated: numbers issued since October 2020 no longer carry one.
 */
const RRN = /(?<![\d])(\d{2})(0[1-9]|1[0-2])(\d{2})(\s{0,2}[-./]\s{0,2}|\s{1,2})?([1-8])(\d{6})(?![\d])/gu;

const CENTURY_BY_DIGIT: Record<string, number> = { '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };

function isCalendarDate(yy: string, mm: string, dd: string, genderDigit: string): boolean {
  const year = (CENTURY_BY_DIGIT[genderDigit] ?? 1900) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** Dash look-alikes NFKC keeps as they are (hyphens, dashes, minus sign). */
const DASHES = /[\u2010-\u2015\u2212]/u;
/** Stands in the folded copy for a code point NFKC spreads over several units: never a digit or sign. */
const OPAQUE = '\uFFFC';

/** One unit per code point of `text`: its NFKC form when that is one unit, dashes as "-". */
function foldForMatching(text: string): { folded: string; codePoints: string[] } {
  const codePoints = [...text];
  let folded = '';
  for (const point of codePoints) {
    const normalized = point.normalize('NFKC');
    const unit = normalized.length === 1 ? normalized : point.length === 1 ? point : OPAQUE;
    folded += DASHES.test(unit) ? '-' : unit;
  }
  return { folded, codePoints };
}

/** Runs a length-preserving masker on the folded copy and writes its stars into the original. */
function maskFolded(text: string, mask: (folded: string) => string): string {
  const { folded, codePoints } = foldForMatching(text);
  const masked = mask(folded);
  if (masked === folded) return text;
  if (masked.length !== folded.length) throw new Error('masking must keep the text length');
  let out = '';
  for (let i = 0; i < codePoints.length; i += 1) {
    out += masked[i] === '*' && folded[i] !== '*' ? '*' : codePoints[i];
  }
  return out;
}

/** 900101-1234567 -> 900101-1******; 13-digit strings that cannot be an RRN stay as they are. */
export function maskResidentRegistrationNumbers(text: string): string {
  return maskFolded(text, maskFoldedRrns);
}

function maskFoldedRrns(text: string): string {
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
  return maskFolded(text, maskFoldedPhones);
}

function maskFoldedPhones(text: string): string {
  return text
    .replace(INTERNATIONAL, (match) => maskInternational(match))
    .replace(KR_DOMESTIC, (_m, prefix: string, sep1: string, middle: string, sep2: string, last: string) => {
      return `${prefix}${sep1}${'*'.repeat(middle.length)}${sep2}${last}`;
    });
}

/** Masks resident registration numbers first (they contain phone-like digit runs), then phones. */
export function maskPersonalData(text: string): string {
  return maskFolded(text, (folded) => maskFoldedPhones(maskFoldedRrns(folded)));
}
