import { describe, expect, it } from 'vitest';
import { hangulBm25Engine } from '../../../functions/adapters/knowledge/hangul-bm25-engine.ts';
import type { KnowledgeCase } from '../../../functions/core/knowledge/model.ts';
import { AnswerNotFoundError, SelfServiceRateLimitedError } from '../../../functions/core/self-service/errors.ts';
import type { AddressRateLimiter, DayCounter, SelfServiceStatsStore } from '../../../functions/core/self-service/ports.ts';
import { decodePublicAnswers, encodePublicAnswers } from '../../../functions/core/self-service/public-answers.ts';
import { createSelfService } from '../../../functions/core/self-service/self-service.ts';
import { createSelfServiceStats } from '../../../functions/core/self-service/self-service-stats.ts';
import { CapturingLog, ManualClock } from '../../support/in-memory-ports.ts';
import { asPublishedCase } from '../../support/knowledge-corpus.ts';

const kase = (caseId: string, title: string, extra: Partial<KnowledgeCase> = {}): KnowledgeCase => ({
  ...asPublishedCase({ caseId, content: { category: '주차', title, question: `${title} 어떻게 하나요?`, answer: `${title} 답변입니다.`, keywords: [], fields: {}, translations: {} } }),
  ...extra,
});

const CASES: KnowledgeCase[] = [
  kase('c-park', '불법 주정차 신고 방법', {
    note: '내부 메모: 민원인 010-1234-5678 재문의',
    translations: { en: { title: 'How to report illegal parking', answer: 'Use the Safety e-Report app.' } },
  }),
  kase('c-water', '수도요금 고지서 재발급'),
  kase('c-retired', '폐지된 주차 안내', { status: 'retired' }),
  kase('c-draft', '주차 초안', { status: 'draft' }),
];

class MemoryStats implements SelfServiceStatsStore {
  readonly days = new Map<string, Partial<Record<DayCounter, number>>>();
  readonly visits = new Map<string, { day: string; lastSearchAt: string; contactedAt?: string }>();
  async add(day: string, counter: DayCounter) {
    const row = this.days.get(day) ?? {};
    row[counter] = (row[counter] ?? 0) + 1;
    this.days.set(day, row);
  }
  async noteVisitSearch(visitId: string, at: string, day: string) {
    const visit = this.visits.get(visitId);
    this.visits.set(visitId, { ...(visit ?? { day }), lastSearchAt: at });
    return { first: !visit };
  }
  async markVisitContacted(visitId: string, at: string, since: string) {
    const visit = this.visits.get(visitId);
    if (!visit || visit.contactedAt || visit.lastSearchAt < since) return null;
    visit.contactedAt = at;
    return visit.day;
  }
  async listDays(from: string, to: string) {
    return [...this.days].filter(([day]) => day >= from && day <= to).map(([day, row]) => ({ day, ...row }));
  }
}

function setup(options: { limit?: number } = {}) {
  const published = CASES.filter((c) => c.status === 'published');
  const knowledge = { index: hangulBm25Engine.load(hangulBm25Engine.build(published)), answers: decodePublicAnswers(encodePublicAnswers(CASES)) };
  const stats = new MemoryStats();
  const windows = new Map<string, number>();
  const limiter: AddressRateLimiter = {
    async count(hash, window) {
      const key = `${hash}@${window.start}`;
      const n = windows.get(key) ?? 0;
      if (n >= window.limit) return false;
      windows.set(key, n + 1);
      return true;
    },
  };
  const clock = new ManualClock('2026-12-05T14:30:00.000Z'); // 23:30 KST
  const log = new CapturingLog();
  const service = createSelfService({
    knowledge: { current: async () => knowledge },
    stats,
    limiter,
    hashAddress: (address) => `h(${address})`,
    clock,
    log,
    policy: { requestsPerWindow: options.limit ?? 60 },
  });
  return { service, statsService: createSelfServiceStats({ stats, clock, log }), stats, windows, clock, log };
}

const caller = { address: '203.0.113.7', visitId: 'visit-0001' };

describe('public answers object', () => {
  it('holds published cases only, and of them the question, answer and translations, never notes or actors', () => {
    const answers = decodePublicAnswers(encodePublicAnswers(CASES));
    expect([...answers.keys()].sort()).toEqual(['c-park', 'c-water']);
    const park = answers.get('c-park')!;
    expect(Object.keys(park).sort()).toEqual(['answer', 'caseId', 'category', 'question', 'title', 'translations', 'updatedAt']);
    expect(JSON.stringify([...answers.values()])).not.toMatch(/내부 메모|010-1234|recordedBy|contentHash/);
  });
});

describe('self-service answers', () => {
  it('finds a published case in Korean and never a retired or draft one', async () => {
    const { service } = setup();
    const { items } = await service.searchAnswers({ q: '불법주차 신고', language: 'ko' }, caller);
    expect(items[0]).toMatchObject({ caseId: 'c-park', title: '불법 주정차 신고 방법', language: 'ko', koreanFallback: false });
    const all = await service.searchAnswers({ q: '주차', language: 'ko' }, caller);
    expect(all.items.map((i) => i.caseId)).not.toContain('c-retired');
    expect(all.items.map((i) => i.caseId)).not.toContain('c-draft');
    await expect(service.openAnswer({ caseId: 'c-retired', language: 'ko' }, caller)).rejects.toBeInstanceOf(AnswerNotFoundError);
    await expect(service.openAnswer({ caseId: 'c-draft', language: 'ko' }, caller)).rejects.toBeInstanceOf(AnswerNotFoundError);
  });

  it('shows a stored translation in its language, and the Korean answer with a fallback flag where there is none', async () => {
    const { service } = setup();
    await expect(service.openAnswer({ caseId: 'c-park', language: 'en' }, caller)).resolves.toMatchObject({
      language: 'en',
      koreanFallback: false,
      title: 'How to report illegal parking',
      answer: 'Use the Safety e-Report app.',
    });
    await expect(service.openAnswer({ caseId: 'c-water', language: 'vi' }, caller)).resolves.toMatchObject({ language: 'ko', koreanFallback: true, answer: '수도요금 고지서 재발급 답변입니다.' });
    const { items } = await service.searchAnswers({ q: 'illegal parking', language: 'en' }, caller);
    expect(items[0]).toMatchObject({ caseId: 'c-park', title: 'How to report illegal parking', language: 'en' });
  });

  it('refuses an address over its window with the seconds left, and counts per address', async () => {
    const { service, windows } = setup({ limit: 2 });
    await service.searchAnswers({ q: '주차', language: 'ko' }, caller);
    await service.openAnswer({ caseId: 'c-park', language: 'ko' }, caller);
    const refused = await service.searchAnswers({ q: '주차', language: 'ko' }, caller).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SelfServiceRateLimitedError);
    expect((refused as SelfServiceRateLimitedError).retryAfterSeconds).toBe(60);
    await expect(service.searchAnswers({ q: '주차', language: 'ko' }, { address: '198.51.100.1' })).resolves.toBeDefined();
    expect([...windows.keys()].join()).not.toContain('203.0.113.7\u0000x');
    expect([...windows.keys()].every((k) => k.startsWith('h(self-service'))).toBe(true);
  });

  it('counts searches, visits, opens and did-not-help per KST day, and a visit contacted within the hour once', async () => {
    const { service, statsService, clock } = setup();
    await service.searchAnswers({ q: '주차', language: 'ko' }, caller);
    await service.searchAnswers({ q: '수도요금', language: 'ko' }, caller);
    await service.searchAnswers({ q: '여권', language: 'ko' }, { address: '198.51.100.1', visitId: 'visit-0002' });
    await service.openAnswer({ caseId: 'c-park', language: 'ko' }, caller);
    const help = await service.answerDidNotHelp({ caseId: 'c-park', language: 'ko' }, caller);
    expect(help).toEqual({ caseId: 'c-park', prefill: '불법 주정차 신고 방법 어떻게 하나요?' });
    clock.advance(50 * 60_000);
    await statsService.recordContact('visit-0001', clock.now().toISOString());
    await statsService.recordContact('visit-0001', clock.now().toISOString());
    // visit-0002 asks after more than an hour: self-service did not settle it, but not within the hour either.
    clock.advance(15 * 60_000);
    await statsService.recordContact('visit-0002', clock.now().toISOString());

    const { days } = await statsService.dayStats({ from: '2026-12-05', to: '2026-12-06' });
    expect(days).toEqual([
      { day: '2026-12-05', searches: 3, answersOpened: 1, notHelped: 1, visits: 2, visitsContacted: 1, resolvedVisits: 1, final: false },
      { day: '2026-12-06', searches: 0, answersOpened: 0, notHelped: 0, visits: 0, visitsContacted: 0, resolvedVisits: 0, final: false },
    ]);
    clock.set('2026-12-06T16:00:00.000Z'); // 01:00 KST on the 7th: the 5th is final
    expect((await statsService.dayStats({ from: '2026-12-05', to: '2026-12-05' })).days[0]!.final).toBe(true);
  });

  it('answers the search when a counter cannot be written', async () => {
    const { service, stats, log } = setup();
    stats.add = async () => {
      throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    };
    await expect(service.searchAnswers({ q: '주차', language: 'ko' }, caller)).resolves.toMatchObject({ items: expect.any(Array) });
    expect(log.text()).toContain('self-service statistic not recorded');
  });
});

describe('did not help', () => {
  it('prefills the translated title for a translated answer, the Korean question otherwise', async () => {
    const { service } = setup();
    await expect(service.answerDidNotHelp({ caseId: 'c-park', language: 'en' }, caller)).resolves.toEqual({ caseId: 'c-park', prefill: 'How to report illegal parking' });
    await expect(service.answerDidNotHelp({ caseId: 'c-water', language: 'ja' }, caller)).resolves.toEqual({ caseId: 'c-water', prefill: '수도요금 고지서 재발급 어떻게 하나요?' });
  });
});
