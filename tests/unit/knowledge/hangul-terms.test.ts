import { describe, expect, it } from 'vitest';
import { choseongTerms, hangulFromQwerty, stemOf, textTerms, wordsOf } from '../../../functions/core/knowledge/hangul-terms.ts';

describe('Hangul terms', () => {
  it('strips particles and predicate endings to the stem (학교에 -> 학교, 신고하려면 -> 신고)', () => {
    expect(stemOf('학교에')).toBe('학교');
    expect(stemOf('학교에서는')).toBe('학교');
    expect(stemOf('신고하려면')).toBe('신고');
    expect(stemOf('주차가')).toBe('주차');
  });

  it('never strips a word to nothing', () => {
    expect(stemOf('가')).toBe('가');
    expect(stemOf('이')).toBe('이');
  });

  it('gives 불법주차 and 불법 주차 the same core terms, whichever way it is spaced', () => {
    const joined = new Set(textTerms('불법주차'));
    const spaced = new Set(textTerms('불법 주차'));
    for (const term of ['불법주차', '불법', '주차', '법주']) {
      expect(joined.has(term)).toBe(true);
      expect(spaced.has(term)).toBe(true);
    }
  });

  it('finds a compound part inside a longer word through bigrams', () => {
    expect(textTerms('주차위반과태료')).toEqual(expect.arrayContaining(['주차', '과태', '태료']));
  });

  it('keeps a 초성 query as compatibility jamo so it matches the 초성 of titles', () => {
    expect(wordsOf('ㅂㅂㅈㅊ')).toEqual([{ text: 'ㅂㅂㅈㅊ', stem: 'ㅂㅂㅈㅊ', kind: 'choseong' }]);
    expect(choseongTerms('불법 주차 신고')).toEqual(expect.arrayContaining(['ㅂㅂ', 'ㅈㅊ', 'ㅂㅂㅈㅊ']));
  });

  it('folds full-width letters and leaves out stop words', () => {
    expect(wordsOf('ＫＴＸ 어떻게 타요').map((w) => w.stem)).toEqual(['ktx', '타']);
  });

  it('reads Korean typed on an English keyboard layout', () => {
    expect(hangulFromQwerty('qnfqjqwnck')).toBe('불법주차');
    expect(hangulFromQwerty('parking')).toBeNull();
  });
});
