import { convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';

/*
 * Korean-aware terms for the knowledge search, pure and shared by indexing and querying.
 * Korean glues particles and endings to words (학교에, 신고하려면) and is spaced freely
 * (불법주차 / 불법 주차), so a word yields:
 *   - the word itself and its stem (particles and common predicate endings stripped);
 *   - the stem's character bigrams, which match inside compounds (주차 in 불법주차단속);
 *   - with its neighbour, the joined stems and the bigram across the space, so "불법 주차" and
 *     "불법주차" share terms whichever way either side is spaced.
 * Two more term kinds live in fields of their own: 초성 (ㅂㅂㅈㅊ) for consonant-only queries,
 * and the jamo spelling (ㅂㅜㄹㅂㅓㅂ…) that fuzzy matching compares, so one mistyped jamo
 * (주챠, 불볍) is one edit rather than a different syllable.
 */

const JOSA = [
  '에서부터', '으로부터', '에게서는', '로부터', '에게서', '한테서', '으로서', '으로써', '에서는', '에서도', '에서의', '에게는', '에게도', '으로는',
  '으로도', '이라도', '이라는', '이라고', '까지는', '까지도', '부터는', '이랑은', '에서', '에게', '한테', '께서', '으로', '로서', '로써', '라도',
  '라는', '라고', '처럼', '만큼', '보다', '이나', '이랑', '이며', '마다', '까지', '부터', '조차', '밖에', '에는', '에도', '와', '과', '은', '는',
  '이', '가', '을', '를', '에', '의', '도', '만', '로', '랑', '요',
];

/** Endings after a noun used as a verb (신고하려면, 발급받으려면, 처리되나요). */
const ENDINGS = [
  '하고싶습니다', '하고싶어요', '하고싶은데', '받고싶어요', '해야하나요', '해야하는지', '해주시겠어요', '할수있나요', '할수있어요', '받으려면', '받을수있나요',
  '해주세요', '해야해요', '했는데요', '했는데', '했어요', '했습니다', '하려면', '하려고', '하는데', '하는지', '하는법', '하나요', '합니다', '할때',
  '할려면', '해도', '하면', '하고', '해요', '해서', '돼요', '됐어요', '됐는데', '되나요', '되는지', '되었어요', '되어', '되면', '되고', '받는',
  '받고', '받아', '받을', '인가요', '인데요', '인데', '이에요', '입니다', '예요', '있나요', '있어요', '없어요', '없나요', '시켜', '해', '함', '됨',
];

/** Words that carry no subject in a question (how, where, please tell me, ...). */
const STOPWORDS = new Set([
  '어떻게', '어떡해', '어떡하죠', '어디', '어디서', '어디로', '어디에', '어디서나', '무엇', '뭐', '뭔가', '뭘', '왜', '언제', '좀', '제가', '저는', '저희', '저희집',
  '우리', '우리집', '그냥', '너무', '진짜', '정말', '혹시', '문의', '문의드립니다', '문의합니다', '질문', '궁금', '궁금해요', '궁금합니다', '알려주세요', '알려줘',
  '알고', '싶어요', '싶은데', '싶습니다', '싶은데요', '있나요', '있어요', '있는데', '있는데요', '하나요', '되나요', '수', '것', '거', '게', '등', '및', '때', '후',
  '관련', '관련해서', '대해', '대해서', '대한', '방법', '안내', '해야', '하는', '하면', '되는', '있는', '없는', '요즘', '지금', '오늘', '계속', '자꾸', '이거',
  '저거', '그거', '같아요', '같은데', '합니다', '해요', '했어요', '됐어요', '돼요', '주세요', '부탁', '부탁드립니다', '안녕하세요', '그런데', '근데', '그리고',
  '하고', '어떤', '무슨', '어느', '얼마', '가능', '가능한가요', '가능해요', '되는지', '하는지', '아니면', '다시', '이제', '벌써', '많이', '매우', '자주', 'the',
  'a', 'an', 'of', 'to', 'in', 'is', 'how', 'do', 'i', 'my', 'can', 'what', 'where',
]);

const HANGUL = /^[\uAC00-\uD7A3]+$/;
const CHOSEONG_ONLY = /^[\u3131-\u314E]+$/;
const LATIN = /^[a-z]+$/;
const WORD = /[\uAC00-\uD7A3]+|[\u3131-\u318E]+|[a-z]+|[0-9]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{M}]+/gu;

export type WordKind = 'hangul' | 'choseong' | 'latin' | 'number' | 'other';

export interface Word {
  text: string;
  stem: string;
  kind: WordKind;
}

/**
 * NFC, full-width ASCII folded, lower case. Not NFKC: it would turn the compatibility jamo of a
 * 초성 query (ㅂ, U+3142) into conjoining jamo (U+1107) that no longer match.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

/** Suffixes by their last character, longest first, so a word is checked against a handful. */
function byLastChar(suffixes: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const suffix of [...suffixes].sort((a, b) => b.length - a.length)) {
    const last = suffix.slice(-1);
    map.set(last, [...(map.get(last) ?? []), suffix]);
  }
  return map;
}
const JOSA_BY_LAST = byLastChar(JOSA);
const ENDINGS_BY_LAST = byLastChar(ENDINGS);

function stripSuffix(word: string, suffixes: Map<string, string[]>, minRemaining: number): string {
  for (const suffix of suffixes.get(word.slice(-1)) ?? []) {
    if (word.length - suffix.length >= minRemaining && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/** 신고하려면 -> 신고, 학교에서는 -> 학교, 주차가 -> 주차; a word is never stripped to nothing. */
export function stemOf(word: string): string {
  const withoutEnding = stripSuffix(word, ENDINGS_BY_LAST, 2);
  return stripSuffix(withoutEnding, JOSA_BY_LAST, 1);
}

const kindOf = (text: string): WordKind =>
  HANGUL.test(text) ? 'hangul' : CHOSEONG_ONLY.test(text) ? 'choseong' : LATIN.test(text) ? 'latin' : /^[0-9]+$/.test(text) ? 'number' : 'other';

/** The words of a text, stop words left out. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of normalizeText(text).matchAll(WORD)) {
    const word = wordOf(match[0]);
    if (word) words.push(word);
  }
  return words;
}

/** Indexing sees the same words over and over: each is analysed once (the cache is bounded). */
const WORD_CACHE = new Map<string, Word | null>();
const WORD_CACHE_LIMIT = 100_000;

function wordOf(raw: string): Word | null {
  const cached = WORD_CACHE.get(raw);
  if (cached !== undefined) return cached;
  const kind = kindOf(raw);
  const stem = kind === 'hangul' ? stemOf(raw) : raw;
  const word = STOPWORDS.has(raw) || STOPWORDS.has(stem) ? null : { text: raw, stem, kind };
  if (WORD_CACHE.size >= WORD_CACHE_LIMIT) WORD_CACHE.clear();
  WORD_CACHE.set(raw, word);
  return word;
}

export function bigrams(text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const segmented = (kind: WordKind): boolean => kind === 'hangul' || kind === 'other';

/** The terms one word contributes by itself (whole, stem, bigrams of the stem). */
export function ownTerms(word: Word): string[] {
  const terms = new Set([word.text, word.stem]);
  if (segmented(word.kind) && [...word.stem].length >= 3) for (const b of bigrams(word.stem)) terms.add(b);
  return [...terms];
}

/** Terms across the space between two neighbouring words (joined stems, the bigram over the gap). */
export function joinTerms(left: Word, right: Word): string[] {
  if (left.kind !== 'hangul' || right.kind !== 'hangul') return [];
  return [left.stem + right.stem, left.stem.slice(-1) + right.stem.slice(0, 1)];
}

/** Every term of a text for the ordinary fields, in order, with repeats (term frequency counts). */
export function textTerms(text: string): string[] {
  const words = wordsOf(text);
  const terms: string[] = [];
  words.forEach((word, i) => {
    terms.push(...ownTerms(word));
    const next = words[i + 1];
    if (next) terms.push(...joinTerms(word, next));
  });
  return terms;
}

/** Words and stems only, for long texts (answers) where bigrams would mostly add noise and size. */
export function wordTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    terms.push(word.text);
    if (word.stem !== word.text) terms.push(word.stem);
  }
  return terms;
}

/** 초성 of each Hangul stem and of each pair of neighbours: 불법 주차 -> ㅂㅂ, ㅈㅊ, ㅂㅂㅈㅊ. */
export function choseongTerms(text: string): string[] {
  const words = wordsOf(text).filter((w) => w.kind === 'hangul');
  const terms: string[] = [];
  words.forEach((word, i) => {
    if (word.stem.length >= 2) terms.push(getChoseong(word.stem));
    const next = words[i + 1];
    if (next) terms.push(getChoseong(word.stem + next.stem));
  });
  return terms;
}

/** Jamo spelling of each Hangul stem of two or more syllables (what fuzzy matching compares). */
export function jamoTerms(text: string): string[] {
  return wordsOf(text)
    .filter((w) => w.kind === 'hangul' && w.stem.length >= 2)
    .map((w) => disassemble(w.stem));
}

export const jamoOf = (stem: string): string => disassemble(stem);

/** Korean typed with the keyboard left in English (qnfqjqwnck -> 불법주차), when it reads as whole syllables. */
export function hangulFromQwerty(word: string): string | null {
  if (!LATIN.test(word) || word.length < 2) return null;
  const converted = convertQwertyToHangul(word);
  return HANGUL.test(converted) ? converted : null;
}

export const isChoseongQuery = (word: string): boolean => CHOSEONG_ONLY.test(word);

/** Term namespaces inside one index: 초성 and jamo terms never collide with text terms. */
export const CHOSEONG_NS = '\u0001';
export const JAMO_NS = '\u0002';

/** What a query looks for: every term with the word it stands for (for coverage), and the jamo words to match fuzzily. */
export interface QueryPlan {
  words: Word[];
  /** term -> index of the word it came from (-1 for terms across two words). */
  terms: Map<string, number>;
  /** Jamo spellings (namespaced) of the Hangul stems, by word index: matched exactly or one edit away. */
  fuzzy: Map<string, number>;
}

/** The terms to search for a text: its words (and a Hangul reading of keyboard-layout typos), 초성, jamo. */
export function planQuery(text: string): QueryPlan | null {
  const typed = wordsOf(text);
  const alternates = typed.flatMap((w) => {
    const hangul = hangulFromQwerty(w.text);
    return hangul ? wordsOf(hangul) : [];
  });
  const words = [...typed, ...alternates].filter((w) => w.kind !== 'other' || w.text.length > 1);
  if (words.length === 0) return null;
  const terms = new Map<string, number>();
  const fuzzy = new Map<string, number>();
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (word.kind === 'choseong') {
      terms.set(CHOSEONG_NS + word.text, i);
      if (next?.kind === 'choseong') terms.set(CHOSEONG_NS + word.text + next.text, -1);
      return;
    }
    for (const t of ownTerms(word)) if (!terms.has(t)) terms.set(t, i);
    if (next) for (const t of joinTerms(word, next)) if (!terms.has(t)) terms.set(t, -1);
    if (word.kind === 'hangul' && word.stem.length >= 2) fuzzy.set(JAMO_NS + jamoOf(word.stem), i);
  });
  return { words, terms, fuzzy };
}

/**
 * How much of the query a case covers, 0..1: a word counts whole when the case has the word,
 * its stem, its 초성 or its jamo spelling (or something one jamo away), and in part by the
 * share of its bigrams the case has. `has` tells whether the case holds a term.
 */
export function coverage(plan: QueryPlan, has: (term: string) => boolean, fuzzyHit: (wordIndex: number) => boolean): number {
  let covered = 0;
  plan.words.forEach((word, i) => {
    if (has(word.text) || has(word.stem) || has(CHOSEONG_NS + word.text) || fuzzyHit(i)) covered += 1;
    else if ((word.kind === 'hangul' || word.kind === 'other') && [...word.stem].length >= 3) {
      const grams = bigrams(word.stem);
      covered += grams.filter(has).length / grams.length;
    }
  });
  return covered / plan.words.length;
}
