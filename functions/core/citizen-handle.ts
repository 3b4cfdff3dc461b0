import type { HandleKind } from '../../schemas/inbound-message.ts';

/** A handle that cannot be a citizen's address. The message never contains the raw value. */
export class InvalidHandleError extends Error {
  override readonly name = 'InvalidHandleError';
}

const PHONE_ALLOWED = /^[0-9+\-.\s()/]*$/;

/**
 * Korean national significant numbers (after the trunk 0), by leading digits: mobile 010
 * (8 digits after), legacy 011/016-019, Seoul 02, the other area codes, 070 VoIP, 050x
 * personal numbers, 080 toll-free, and 15xx/16xx/18xx representative numbers.
 */
const KR_NSN_RULES: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^10/, lengths: [10] },
  { prefix: /^1[16-9]/, lengths: [9, 10] },
  { prefix: /^1[568]\d\d/, lengths: [8] },
  { prefix: /^2/, lengths: [8, 9] },
  { prefix: /^(3[1-3]|4[1-4]|5[1-5]|6[1-4])/, lengths: [9, 10] },
  { prefix: /^70/, lengths: [10] },
  { prefix: /^50[2-8]/, lengths: [10, 11] },
  { prefix: /^80/, lengths: [9, 10] },
];

function isKoreanNsn(nsn: string): boolean {
  return KR_NSN_RULES.some((rule) => rule.prefix.test(nsn) && rule.lengths.includes(nsn.length));
}

function koreanE164(nsn: string): string {
  if (!isKoreanNsn(nsn)) throw new InvalidHandleError(`not a valid Korean phone number (${nsn.length} digits after the trunk prefix)`);
  return `+82${nsn}`;
}

/**
 * Normalises any common spelling of a phone number to E.164, so one citizen is one handle:
 * 010-1234-5678, 01012345678, +82 10 1234 5678, +82 (0)10-1234-5678, 82 10 1234 5678 and
 * ０１０-１２３４-５６７８ are all +821012345678. Numbers with another country code are kept.
 */
export function normalizePhone(raw: string, defaultCountry: 'KR' = 'KR'): string {
  // NFKC turns full-width digits and signs (common from Korean/Japanese IMEs) into ASCII.
  let text = raw.normalize('NFKC').trim();
  if (text.toLowerCase().startsWith('tel:')) text = text.slice(4).trim();
  if (text === '') throw new InvalidHandleError('empty phone number');
  if (!PHONE_ALLOWED.test(text)) throw new InvalidHandleError('phone number contains characters other than digits, spaces and + - . ( ) /');
  if (text.indexOf('+') > 0 || text.split('+').length > 2) throw new InvalidHandleError('a + may only lead the phone number');

  const hasPlus = text.startsWith('+');
  // "+82 (0)10 ..." and "+82 010 ..." carry the domestic trunk 0 after the country code.
  const digits = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (digits === '') throw new InvalidHandleError('phone number has no digits');

  let international: string | null = null;
  if (hasPlus) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);

  if (international !== null) {
    if (international.startsWith('82')) return koreanE164(international.slice(2).replace(/^0/, ''));
    if (international.startsWith('0')) throw new InvalidHandleError('country code cannot start with 0');
    if (international.length < 8 || international.length > 15) {
      throw new InvalidHandleError(`international number must have 8 to 15 digits, has ${international.length}`);
    }
    return `+${international}`;
  }

  if (defaultCountry === 'KR') {
    if (digits.startsWith('0')) return koreanE164(digits.slice(1));
    if (/^1[568]\d{6}$/.test(digits)) return koreanE164(digits);
    if (digits.startsWith('82') && isKoreanNsn(digits.slice(2).replace(/^0/, ''))) return koreanE164(digits.slice(2).replace(/^0/, ''));
  }
  throw new InvalidHandleError('phone number has neither a country code (+ or 00) nor a domestic trunk prefix (0)');
}

/** Whether a raw handle normalises, i.e. whether anything can be sent back to it. */
export function isReachableHandle(kind: HandleKind, raw: string): boolean {
  try {
    normalizeHandle(kind, raw);
    return true;
  } catch (error) {
    if (error instanceof InvalidHandleError) return false;
    throw error;
  }
}

const CONTROL = /\p{Cc}|\p{Cf}/u;

/** Normalises a raw handle of the given kind to the one form hashed and sealed for it. */
export function normalizeHandle(kind: HandleKind, raw: string): string {
  switch (kind) {
    case 'phone':
      return normalizePhone(raw);
    case 'chat-account': {
      const id = raw.trim();
      if (id === '') throw new InvalidHandleError('empty chat account id');
      if (id.length > 256) throw new InvalidHandleError('chat account id longer than 256 characters');
      if (CONTROL.test(id)) throw new InvalidHandleError('chat account id contains control characters');
      return id;
    }
    case 'x-user':
      // X user ids exceed 2^53: they stay strings end to end and are never parsed as numbers.
      if (!/^[0-9]{1,20}$/.test(raw)) throw new InvalidHandleError('X user id must be 1 to 20 digits');
      return raw;
    case 'anonymous-caller':
      // Per-contact handle of a withheld number (functions/core/voice/contact-start.ts): nothing to normalise.
      if (!/^anonymous-caller:[\x21-\x7e]{1,200}$/.test(raw)) throw new InvalidHandleError('anonymous caller handle must be anonymous-caller:<contact id>');
      return raw;
    case 'email':
      return normalizeEmail(raw);
    case 'web-anonymous':
      // Per-request handle of an Open311 request without contact details: nothing to normalise.
      if (!/^web-anonymous:[\x21-\x7e]{1,200}$/.test(raw)) throw new InvalidHandleError('anonymous web handle must be web-anonymous:<request>');
      return raw;
  }
}

/** local@domain, one @, no spaces or controls, at most 254 characters (RFC 5321's path limit). */
const EMAIL = /^[^\s@<>()\[\]\\,;:"]{1,64}@[^\s@<>()\[\]\\,;:"]+\.[^\s@<>()\[\]\\,;:".]{2,}$/u;

/**
 * One spelling per address: trimmed, NFKC (full-width letters from IMEs), the domain lower-cased.
 * The local part keeps its case, as RFC 5321 lets the receiving host decide on it.
 */
export function normalizeEmail(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  if (text.length > 254 || !EMAIL.test(text)) throw new InvalidHandleError('not an email address (local@domain.tld)');
  const at = text.lastIndexOf('@');
  return `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
}

/** a***@example.org: the first character of the local part and the whole domain stay. */
export function maskEmail(normalized: string): string {
  const at = normalized.lastIndexOf('@');
  return `${[...normalized.slice(0, at)][0] ?? ''}***@${normalized.slice(at + 1)}`;
}

/**
 * Length of the E.164 country code, from the ITU zone plan: +1 and +7 are one digit,
 * the listed two-digit codes are two, everything else is three.
 */
export function countryCodeLength(digits: string): number {
  if (/^[17]/.test(digits)) return 1;
  if (/^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/.test(digits)) return 2;
  return 3;
}

/** Length of the Korean area/mobile prefix kept visible: 10, 2, 31, 70, 505... */
function koreanPrefixLength(nsn: string): number {
  if (nsn.startsWith('2')) return 1;
  if (/^50/.test(nsn)) return 3;
  return 2;
}

/** Masks an E.164 number for display: country code and last 4 digits stay, e.g. +82 10-****-5678. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 6) return '****';
  const last4 = digits.slice(-4);
  if (digits.startsWith('82')) {
    const nsn = digits.slice(2);
    const prefix = nsn.slice(0, koreanPrefixLength(nsn));
    const hidden = nsn.length - prefix.length - 4;
    if (hidden > 0) return `+82 ${prefix}-${'*'.repeat(hidden)}-${last4}`;
  }
  const cc = digits.slice(0, countryCodeLength(digits));
  const hidden = Math.max(digits.length - cc.length - 4, 1);
  return `+${cc} ${'*'.repeat(hidden)}-${last4}`;
}

/** Masks a normalised handle for display; never reveals more than a few characters. */
export function maskHandle(kind: HandleKind, normalized: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(normalized);
    case 'chat-account': {
      const chars = [...normalized];
      if (chars.length <= 3) return `${chars[0] ?? ''}***`;
      return `${chars.slice(0, 2).join('')}***${chars[chars.length - 1] ?? ''}`;
    }
    case 'x-user':
      return normalized.length <= 4 ? '****' : `****${normalized.slice(-4)}`;
    case 'anonymous-caller':
      return 'anonymous caller';
    case 'email':
      return maskEmail(normalized);
    case 'web-anonymous':
      return 'anonymous web request';
  }
}
