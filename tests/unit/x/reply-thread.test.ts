import { describe, expect, it } from 'vitest';
import { splitIntoThread, weightedLength, X_MAX_WEIGHTED_LENGTH } from '../../../functions/core/x/reply-thread.ts';

describe('weighted length (twitter-text config v3)', () => {
  it('counts Latin as 1 and Hangul, kana and Han as 2', () => {
    expect(weightedLength('hello')).toBe(5);
    expect(weightedLength('안녕하세요')).toBe(10);
    expect(weightedLength('こんにちは')).toBe(10);
    expect(weightedLength('你好')).toBe(4);
    expect(weightedLength('Xin chào')).toBe(8);
    expect(weightedLength('Сайн байна уу')).toBe(13);
  });

  it('counts every URL as 23 whatever its length', () => {
    expect(weightedLength('https://news.seoul.go.kr/traffic/archives/123456789012345678901234567890')).toBe(23);
    expect(weightedLength('see http://a.kr.')).toBe(4 + 23 + 1);
  });

  it('counts a bare domain as at least 23 (X may or may not link it)', () => {
    expect(weightedLength('seoul.go.kr')).toBe(23);
  });

  it('counts an emoji, even a ZWJ family sequence, as 2', () => {
    expect(weightedLength('👍')).toBe(2);
    expect(weightedLength('👨‍👩‍👧‍👦')).toBe(2);
  });

  it('normalises to NFC before counting', () => {
    expect(weightedLength('e\u0301')).toBe(1);
  });
});

describe('reply thread', () => {
  it('keeps a reply that fits as one unnumbered post', () => {
    expect(splitIntoThread('  처리되었습니다. 감사합니다.  ')).toEqual(['처리되었습니다. 감사합니다.']);
  });

  it('splits a long Korean reply into numbered parts that each fit 280 weighted characters', () => {
    const reply = '안녕하세요, 서울시 다산콜센터입니다. 말씀하신 버스정류장 조명 고장은 담당 부서에 전달되었습니다. '.repeat(8);
    const parts = splitIntoThread(reply);

    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, index) => {
      expect(weightedLength(part)).toBeLessThanOrEqual(X_MAX_WEIGHTED_LENGTH);
      expect(part.endsWith(` (${index + 1}/${parts.length})`)).toBe(true);
    });
    const rejoined = parts.map((part) => part.replace(/ \(\d+\/\d+\)$/, '')).join(' ');
    expect(rejoined.replace(/\s+/g, '')).toBe(reply.replace(/\s+/g, ''));
  });

  it('splits unspaced Chinese text at clause punctuation without losing characters', () => {
    const reply = '您好，关于公交站灯光损坏的问题，我们已转交相关部门处理。'.repeat(12);
    const parts = splitIntoThread(reply);
    expect(parts.every((part) => weightedLength(part) <= 280)).toBe(true);
    expect(parts.map((part) => part.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe(reply);
  });

  it('never cuts a URL across two parts', () => {
    const url = 'https://news.seoul.go.kr/traffic/archives/510000?lang=en&amp=1';
    const reply = `${'word '.repeat(50)}${url} ${'more '.repeat(40)}`;
    const parts = splitIntoThread(reply);
    expect(parts.filter((part) => part.includes(url))).toHaveLength(1);
  });

  it('widens the numbering when the thread reaches ten parts', () => {
    const parts = splitIntoThread('가'.repeat(1500));
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.at(-1)).toMatch(new RegExp(` \\(${parts.length}/${parts.length}\\)$`));
    expect(parts.every((part) => weightedLength(part) <= 280)).toBe(true);
  });
});
