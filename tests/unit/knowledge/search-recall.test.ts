import { beforeAll, describe, expect, it } from 'vitest';
import { hangulBm25Engine } from '../../../functions/adapters/knowledge/hangul-bm25-engine.ts';
import type { SearchIndex } from '../../../functions/core/knowledge/ports.ts';
import { labelledQueries, recallAt3, starterCases } from '../../support/knowledge-corpus.ts';

describe('knowledge search over the starter set', () => {
  let index: SearchIndex;
  beforeAll(() => {
    index = hangulBm25Engine.load(hangulBm25Engine.build(starterCases()));
  });
  const top = (q: string, limit = 3) => index.search(q, { limit }).map((h) => h.caseId);

  it('finds an expected case in the top 3 for at least 90% of the labelled queries', () => {
    const queries = labelledQueries();
    expect(queries.length).toBeGreaterThanOrEqual(100);
    const { recall, misses } = recallAt3((q) => index.search(q, { limit: 3 }), queries);
    expect(recall, `misses: ${JSON.stringify(misses, null, 1)}`).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks the illegal-parking case first for spacing variants, a particle and 초성', () => {
    for (const q of ['불법주차', '불법 주차', '불법주차를 신고하려면', 'ㅂㅂㅈㅊ']) expect(top(q)[0], q).toBe('120-10028');
  });

  it('keeps it in the top 3 with a typo or typed on an English keyboard layout', () => {
    for (const q of ['불법주자 신고', 'qnfqjqwnck']) expect(top(q), q).toContain('120-10028');
  });

  it('matches a typo one jamo away (수도요긍 -> 수도요금)', () => {
    expect(top('수도요긍 고지서')).toContain('120-10060');
  });

  it('filters by category and returns scores best first, within 0..1', () => {
    const hits = index.search('신고', { limit: 10, category: '주차' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.category === '주차')).toBe(true);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('scores a query the knowledge base does not cover below the gap threshold', () => {
    const [best] = index.search('화성 이주 우주선 탑승권', { limit: 3 });
    expect(best?.score ?? 0).toBeLessThan(0.5);
  });

  it('suggests from a long colloquial complaint', () => {
    expect(top('안녕하세요 저희 집 앞 골목에 며칠째 같은 차가 불법으로 세워져 있어서 차를 뺄 수가 없어요. 신고하고 싶습니다.')).toContain('120-10028');
  });
});
