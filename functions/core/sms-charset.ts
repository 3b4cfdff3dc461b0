import type { LanguageCode } from './model.ts';

/**
 * What a destination handset can be sent. Twilio's guidelines for South Korea: "Only EUC-KR
 * characters are supported by the South Korean mobile operators" (twilio.com/en-us/guidelines/kr/sms);
 * anything else reaches the handset as garbage. EUC-KR is ASCII plus the KS X 1001 repertoire:
 * 2,350 Hangul syllables, hanja, kana, Greek, Russian Cyrillic and symbols. End User Messaging
 * encodes as GSM or UCS-2 itself and states no such rule for Korea, so it gets Unicode.
 */
export type SmsCharset = 'unicode' | 'euc-kr';

export function smsCharsetFor(provider: string, to: string): SmsCharset {
  return provider === 'twilio' && to.startsWith('+82') ? 'euc-kr' : 'unicode';
}

let ksx1001: Set<string> | undefined;

/** The KS X 1001 repertoire, read once from the runtime's EUC-KR decoder (rows 0xA1-0xFE). */
function eucKrRepertoire(): Set<string> {
  if (ksx1001) return ksx1001;
  const decoder = new TextDecoder('euc-kr');
  const set = new Set<string>();
  const pair = new Uint8Array(2);
  for (let lead = 0xa1; lead <= 0xfe; lead += 1) {
    for (let trail = 0xa1; trail <= 0xfe; trail += 1) {
      pair[0] = lead;
      pair[1] = trail;
      const char = decoder.decode(pair);
      if (char.length === 1 && char !== '\uFFFD') set.add(char);
    }
  }
  ksx1001 = set;
  return set;
}

function fits(char: string, charset: SmsCharset): boolean {
  if (charset === 'unicode') return true;
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 || eucKrRepertoire().has(char);
}

export function isRepresentable(text: string, charset: SmsCharset): boolean {
  for (const char of text) if (!fits(char, charset)) return false;
  return true;
}

/**
 * Letters without a KS X 1001 form replaced by the closest one that has: Vietnamese Đ (đ itself
 * is in KS X 1001), Mongolian Ө/Ү written as О/У, as Mongolian is often typed where they are
 * missing. Diacritics are removed separately (NFD).
 */
const CLOSEST: Readonly<Record<string, string>> = { Đ: 'D', Ө: 'О', ө: 'о', Ү: 'У', ү: 'у' };

function fold(text: string, charset: SmsCharset): string {
  let out = '';
  for (const char of text) {
    if (fits(char, charset)) out += char;
    else out += CLOSEST[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return out.normalize('NFC');
}

/** Emoji dropped (they carry no words), other characters the handset cannot show marked '?'. */
function strip(text: string, charset: SmsCharset): string {
  let out = '';
  for (const char of text) {
    if (fits(char, charset)) out += char;
    else if (!/\p{Extended_Pictographic}|\p{M}|\u200D|\uFE0F/u.test(char)) out += '?';
  }
  return out.replace(/ {2,}/g, ' ');
}

export const KOREAN_ONLY_NOTE = '[Korean only: your language cannot be shown on Korean phones]';

export interface SmsText {
  text: string;
  language: LanguageCode;
}

/**
 * The text to send so the handset shows words, not garbage, and what was given up for it:
 * - as it is, when every character fits;
 * - `folded`: diacritics removed and missing letters replaced by their closest (Vietnamese reads
 *   without tone marks, Mongolian with о/у), when that makes it fit;
 * - `korean`: the counselor's Korean original under an English line saying why, when a
 *   translation cannot be shown at all (simplified Chinese);
 * - `stripped`: emoji dropped and other characters marked '?', the last resort.
 * Receipt numbers are ASCII and pass through every step unchanged.
 */
export function fitSmsText(message: SmsText, charset: SmsCharset, koreanOriginal?: SmsText): SmsText & { fallback?: 'folded' | 'korean' | 'stripped' } {
  if (isRepresentable(message.text, charset)) return message;
  const folded = fold(message.text, charset);
  if (isRepresentable(folded, charset)) return { ...message, text: folded, fallback: 'folded' };
  if (koreanOriginal && koreanOriginal.language === 'ko' && message.language !== 'ko') {
    const korean = `${KOREAN_ONLY_NOTE}\n${isRepresentable(koreanOriginal.text, charset) ? koreanOriginal.text : strip(koreanOriginal.text, charset)}`;
    return { text: korean, language: 'ko', fallback: 'korean' };
  }
  return { ...message, text: strip(folded, charset), fallback: 'stripped' };
}
