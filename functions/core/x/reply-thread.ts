/*
 * X's weighted post length and the numbered thread a long reply is split into.
 *
 * Weights follow twitter-text config v3 (github.com/twitter/twitter-text, config/v3.json):
 * limit 280, scale 100, default weight 200, weight 100 for U+0000-U+10FF, U+2000-U+200D,
 * U+2010-U+201F, U+2032-U+2037; every URL counts 23; an emoji counts as one default-weight
 * character however many code points it has; text is NFC-normalised first. So Latin letters
 * count 1, Hangul, kana and Han count 2.
 *
 * Simplifications, all on the safe side (we may count more than X, never less):
 * - URLs with a scheme (http://, https://) count 23. Bare domains ("seoul.go.kr/x") count
 *   max(23, their own length), because X links them only when it knows the TLD.
 * - An emoji is a grapheme cluster holding an Extended_Pictographic code point; other
 *   symbol sequences (keycaps) are counted code point by code point.
 */

export const X_MAX_WEIGHTED_LENGTH = 280;
const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const URL_WEIGHTED_LENGTH = 23;
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const SCHEME_URL = /https?:\/\/[^\s<>"]+/giu;
const BARE_DOMAIN = /(?<![\p{L}\p{N}_@.\/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s<>"]*)?/giu;
const TRAILING_PUNCTUATION = /[.,!?;:)\]}'"。、，！？]+$/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function codePointWeight(codePoint: number): number {
  for (const [start, end] of LIGHT_RANGES) if (codePoint >= start && codePoint <= end) return SCALE;
  return DEFAULT_WEIGHT;
}

/** Weight (x100) of text that holds no URL. */
function plainWeight(text: string): number {
  let weight = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (EMOJI.test(segment)) {
      weight += DEFAULT_WEIGHT;
      continue;
    }
    for (const char of segment) weight += codePointWeight(char.codePointAt(0) ?? 0);
  }
  return weight;
}

interface UrlSpan {
  start: number;
  end: number;
  weight: number;
}

function findUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  const add = (match: RegExpMatchArray, scheme: boolean): void => {
    const raw = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index ?? 0;
    const end = start + raw.length;
    if (raw.length === 0 || spans.some((span) => start < span.end && end > span.start)) return;
    const weight = scheme ? URL_WEIGHTED_LENGTH * SCALE : Math.max(URL_WEIGHTED_LENGTH * SCALE, plainWeight(raw));
    spans.push({ start, end, weight });
  };
  for (const match of text.matchAll(SCHEME_URL)) add(match, true);
  for (const match of text.matchAll(BARE_DOMAIN)) add(match, false);
  return spans.sort((a, b) => a.start - b.start);
}

/** X's weighted length of a post (what must stay <= 280). */
export function weightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let cursor = 0;
  for (const span of findUrls(normalized)) {
    weight += plainWeight(normalized.slice(cursor, span.start)) + span.weight;
    cursor = span.end;
  }
  weight += plainWeight(normalized.slice(cursor));
  return Math.ceil(weight / SCALE);
}

/**
 * Pieces that may end a part: a word with its trailing spaces, or (for scripts written
 * without spaces) a clause ending in CJK punctuation. URLs are never cut.
 */
function tokenize(text: string): string[] {
  const words = text.match(/\s+|\S+\s*/gu) ?? [];
  return words.flatMap((word) => (findUrls(word).length > 0 ? [word] : (word.match(/[^。！？、，．]+[。！？、，．]*\s*|[。！？、，．]+\s*/gu) ?? [word])));
}

/** Cuts an over-long token by grapheme so each piece fits `limit`. */
function cutByGrapheme(token: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(token)) {
    if (current !== '' && weightedLength(current + segment) > limit) {
      pieces.push(current);
      current = '';
    }
    current += segment;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function pack(tokens: string[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (weightedLength((current + token).trimEnd()) <= limit) {
      current += token;
      continue;
    }
    if (current.trim() !== '') parts.push(current.trim());
    current = '';
    if (weightedLength(token.trimEnd()) <= limit) {
      current = token.trimStart();
    } else {
      const pieces = cutByGrapheme(token.trim(), limit);
      current = pieces.pop() ?? '';
      parts.push(...pieces);
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

const numbering = (index: number, total: number): string => ` (${index}/${total})`;

/**
 * The reply as posts of at most `limit` weighted characters: one post when it fits, otherwise
 * a thread whose parts end in " (1/3)", " (2/3)", ...
 */
export function splitIntoThread(text: string, limit: number = X_MAX_WEIGHTED_LENGTH): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (weightedLength(trimmed) <= limit) return [trimmed];
  const tokens = tokenize(trimmed);
  // The numbering's width depends on the number of parts: repack until it is stable.
  let total = 2;
  for (;;) {
    const parts = pack(tokens, limit - weightedLength(numbering(total, total)));
    if (String(parts.length).length <= String(total).length) {
      return parts.map((part, index) => `${part}${numbering(index + 1, parts.length)}`);
    }
    total = parts.length;
  }
}
