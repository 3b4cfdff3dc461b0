import { describe, expect, it } from 'vitest';
import { hangulBm25Engine } from '../../../functions/adapters/knowledge/hangul-bm25-engine.ts';
import { OneEditLookup, withinOneEdit } from '../../../functions/adapters/knowledge/jamo-fuzzy.ts';
import { asPublishedCase } from '../../support/knowledge-corpus.ts';

const kase = (caseId: string, title: string, answer = `${title} 안내입니다.`, category = '교통') =>
  asPublishedCase({ caseId, content: { category, title, question: `${title} 문의`, answer, keywords: [], fields: {}, translations: {} } });

describe('OneEditLookup', () => {
  it('finds terms one insertion, deletion or substitution away, and nothing further', () => {
    const lookup = new OneEditLookup(['ㅈㅜㅊㅏ', 'ㅈㅜㅊㅏㅇ', 'ㅈㅜ', 'ㅅㅜㄷㅗ']);
    expect(lookup.near('ㅈㅜㅊㅑ').sort()).toEqual(['ㅈㅜㅊㅏ']);
    expect(lookup.near('ㅈㅜㅊㅏ').sort()).toEqual(['ㅈㅜㅊㅏㅇ']);
    expect(lookup.near('ㅈㅜㅊ').sort()).toEqual(['ㅈㅜ', 'ㅈㅜㅊㅏ']);
    expect(lookup.near('ㅂㅓㅅㅡ')).toEqual([]);
  });

  it('agrees with the edit distance on its edge cases', () => {
    expect(withinOneEdit('abc', 'abd')).toBe(true);
    expect(withinOneEdit('abc', 'ab')).toBe(true);
    expect(withinOneEdit('abc', 'xbcd')).toBe(false);
    expect(withinOneEdit('abc', 'bac')).toBe(false);
  });
});

describe('hangul BM25 engine', () => {
  const cases = [
    kase('c-1', '불법 주정차 신고 방법', '안전신문고 앱으로 사진을 찍어 신고합니다.', '주차'),
    kase('c-2', '수도요금 고지서 재발급', '아리수 누리집에서 고객번호로 조회합니다.', '상수도'),
    kase('c-3', '여권 발급 신청', '구청 여권 민원실에 사진과 신분증을 가지고 방문합니다.', '민원서류'),
  ];

  it('serializes and loads back to the same answers', () => {
    const index = hangulBm25Engine.load(hangulBm25Engine.build(cases));
    expect(index.caseCount).toBe(3);
    expect(index.search('불법주차', { limit: 3 })[0]).toMatchObject({ caseId: 'c-1', title: '불법 주정차 신고 방법', category: '주차' });
    expect(index.search('여권을 만들고 싶어요', { limit: 1 })[0]?.caseId).toBe('c-3');
  });

  it('returns the snippet of the answer and nothing for a query of stop words only', () => {
    const index = hangulBm25Engine.load(hangulBm25Engine.build(cases));
    expect(index.search('수도요금', { limit: 1 })[0]?.snippet).toBe('아리수 누리집에서 고객번호로 조회합니다.');
    expect(index.search('어떻게 하나요?', { limit: 3 })).toEqual([]);
  });

  it('refuses bytes that are not its own format', async () => {
    const { gzipSync } = await import('node:zlib');
    const header = Buffer.from(JSON.stringify({ format: 'other' }));
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32LE(header.length);
    expect(() => hangulBm25Engine.load(gzipSync(Buffer.concat([prefix, header])))).toThrow(/index format other/);
  });

  it('builds an empty index that finds nothing', () => {
    expect(hangulBm25Engine.load(hangulBm25Engine.build([])).search('주차', { limit: 3 })).toEqual([]);
  });
});
