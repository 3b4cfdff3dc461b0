import type { LanguageCode } from './model.ts';

/*
 * Local, script-based language detection. It exists so the pipeline never pays for an
 * auto-detect call and never sends Korean to a translator. It only has to tell apart the
 * languages the city's foreign-language line serves: ko, en, zh, ja, vi, mn.
 *
 * Known limits (by design, documented for counselors):
 * - Cyrillic is read as Mongolian, because that is the line the city runs; Russian or
 *   Ukrainian text is misread as 'mn'. ө/ү (Mongolian-only letters) weigh extra.
 * - Japanese written only in kanji (e.g. "東京都") is read as Chinese: kana is the evidence.
 * - Vietnamese typed without diacritics ("xin chao") is read as English.
 * - Other Latin-script languages (French, Spanish...) are read as English.
 */

const HANGUL = /\p{Script=Hangul}/u;
const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MONGOLIAN_CYRILLIC = /[өүӨҮ]/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Letters only Vietnamese uses among the languages we meet: breve/horn/stroke letters, tilde on
 * i/u, and every vowel with a stacked or dot-below/hook-above tone mark (U+1EA0..U+1EF9).
 */
const VIETNAMESE_STRONG = /[ăĂđĐơƠưƯĩĨũŨ\u1EA0-\u1EF9]/u;

/**
 * Not evidence: URLs, e-mail addresses, @mentions and #hashtags are often in English or
 * romanised whatever language the citizen writes in. Emoji are skipped because they are not
 * letters.
 */
const NOISE = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/giu,
  /\bwww\.\S+/giu,
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  /\b(?:[a-z0-9-]+\.)+(?:com|net|org|kr|go\.kr|io|co|gov|edu|jp|cn|vn|mn)\b(?:\/\S*)?/giu,
  /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu,
  /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu,
];

/** A Hangul syllable block carries about as much text as three Latin letters. */
const SYLLABLE_WEIGHT = 3;
const HAN_WEIGHT = 2;
/**
 * Mixed Korean and English ("안녕하세요 my T-money card was charged twice") is Korean; an
 * English sentence that only names one Korean place ("near 강남역 exit 3 ...") is English.
 */
const KOREAN_MIN_SHARE = 0.15;
/** Vietnamese text is dense with tone marks; one "phở" in an English sentence is not. */
const VIETNAMESE_MIN_SHARE = 0.05;

interface ScriptCounts {
  hangul: number;
  kana: number;
  han: number;
  cyrillic: number;
  latin: number;
  vietnameseStrong: number;
  latinLetters: number;
}

function stripNoise(text: string): string {
  let out = text;
  for (const pattern of NOISE) out = out.replace(pattern, (_match, lead: unknown) => `${typeof lead === 'string' ? lead : ''} `);
  return out;
}

function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { hangul: 0, kana: 0, han: 0, cyrillic: 0, latin: 0, vietnameseStrong: 0, latinLetters: 0 };
  // NFC so decomposed Vietnamese (e + combining marks, as some keyboards send) is recognised.
  for (const ch of text.normalize('NFC')) {
    if (HANGUL.test(ch)) counts.hangul += HANGUL_SYLLABLE.test(ch) ? SYLLABLE_WEIGHT : 1;
    else if (KANA.test(ch)) counts.kana += 1;
    else if (HAN.test(ch)) counts.han += HAN_WEIGHT;
    else if (CYRILLIC.test(ch)) counts.cyrillic += MONGOLIAN_CYRILLIC.test(ch) ? 3 : 1;
    else if (LATIN.test(ch)) {
      counts.latin += 1;
      counts.latinLetters += 1;
      if (VIETNAMESE_STRONG.test(ch)) counts.vietnameseStrong += 1;
    }
  }
  return counts;
}

/** True when the text holds Hangul of any kind: syllables or bare jamo such as "ㅠㅠ". */
export function containsHangul(text: string): boolean {
  return HANGUL.test(text);
}

/**
 * The message's language from local detection and the channel's hint. Detection wins where its
 * evidence is clear (Hangul, kana, Cyrillic, Vietnamese tone marks, a Latin text with no hint);
 * the hint settles its known blind spots: no letters at all (emoji, digits, a photo), Vietnamese
 * typed without diacritics (read as English), Japanese written only in kanji (read as Chinese).
 */
export function resolveLanguage(detected: LanguageCode, hint: Exclude<LanguageCode, 'und'> | undefined): LanguageCode {
  if (!hint || detected === hint) return detected;
  if (detected === 'und') return hint;
  if (detected === 'en' && hint === 'vi') return 'vi';
  if (detected === 'zh' && hint === 'ja') return 'ja';
  return detected;
}

/** Detects the language of a citizen message from its scripts; 'und' when it has no letters. */
export function detectLanguage(text: string): LanguageCode {
  const c = countScripts(stripNoise(text));
  const cjk = c.kana + c.han;
  const total = c.hangul + cjk + c.cyrillic + c.latin;
  if (total === 0) return 'und';
  if (c.hangul > 0 && c.hangul / total >= KOREAN_MIN_SHARE) return 'ko';

  const best = Math.max(cjk, c.cyrillic, c.latin);
  if (cjk === best) return c.kana > 0 ? 'ja' : 'zh';
  if (c.cyrillic === best) return 'mn';
  if (c.vietnameseStrong > 0 && c.vietnameseStrong / c.latinLetters >= VIETNAMESE_MIN_SHARE) return 'vi';
  return 'en';
}
