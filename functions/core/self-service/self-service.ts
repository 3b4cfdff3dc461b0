import { kstDay } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { AnswerNotFoundError, SelfServiceRateLimitedError } from './errors.ts';
import { localizeAnswer, type AnswerLanguage, type LocalizedAnswer } from './public-answers.ts';
import type { AddressRateLimiter, DayCounter, PublicKnowledgeProvider, SelfServiceStatsStore } from './ports.ts';
import { CONTACT_WINDOW_MS, countQuietly } from './self-service-stats.ts';

/** Visits are kept a day past the contact window, then expire by TTL. */
const VISIT_RETENTION_S = (CONTACT_WINDOW_MS + 24 * 60 * 60 * 1000) / 1000;
const SNIPPET_CHARS = 120;

export interface SelfServicePolicy {
  /** Requests (search, open, did-not-help together) per address and window. */
  requestsPerWindow: number;
  windowMs: number;
  maxResults: number;
}

export const DEFAULT_SELF_SERVICE_POLICY: SelfServicePolicy = { requestsPerWindow: 60, windowMs: 60_000, maxResults: 10 };

export interface SelfServiceDeps {
  knowledge: PublicKnowledgeProvider;
  stats: SelfServiceStatsStore;
  limiter: AddressRateLimiter;
  /** Keyed hash (HMAC) of the client address: the address itself is never stored. */
  hashAddress(address: string): string;
  clock: Clock;
  log: Log;
  policy?: Partial<SelfServicePolicy>;
}

/** Who asks: the client address (hashed before use) and the page's random visit id, if it sent one. */
export interface PublicCaller {
  address: string;
  visitId?: string;
}

export interface AnswerHit {
  caseId: string;
  category: string;
  title: string;
  snippet: string;
  language: AnswerLanguage;
  koreanFallback: boolean;
}


function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length <= SNIPPET_CHARS ? flat : `${[...flat].slice(0, SNIPPET_CHARS).join('')}…`;
}

export function createSelfService(deps: SelfServiceDeps) {
  const policy = { ...DEFAULT_SELF_SERVICE_POLICY, ...deps.policy };

  async function admit(caller: PublicCaller): Promise<Date> {
    const now = deps.clock.now();
    const start = now.getTime() - (now.getTime() % policy.windowMs);
    const allowed = await deps.limiter.count(deps.hashAddress(`self-service\u0000${caller.address}`), { start, lengthMs: policy.windowMs, limit: policy.requestsPerWindow });
    if (!allowed) {
      deps.log.warn('self-service request refused: address over its limit', { limit: policy.requestsPerWindow });
      throw new SelfServiceRateLimitedError(Math.max(1, Math.ceil((start + policy.windowMs - now.getTime()) / 1000)));
    }
    return now;
  }

  const count = (day: string, counter: DayCounter) => countQuietly(deps.log, counter, () => deps.stats.add(day, counter));

  return {
    /** Public search over published answers, best first, each in `language` or in Korean with a note. */
    async searchAnswers(input: { q: string; language: AnswerLanguage }, caller: PublicCaller): Promise<{ items: AnswerHit[] }> {
      const now = await admit(caller);
      const { index, answers } = await deps.knowledge.current();
      const items: AnswerHit[] = [];
      for (const hit of index.search(input.q, { limit: policy.maxResults })) {
        // Only what the public object holds is public, whatever the index returns.
        const answer = answers.get(hit.caseId);
        if (!answer) continue;
        const shown = localizeAnswer(answer, input.language);
        items.push({ caseId: hit.caseId, category: answer.category, title: shown.title, snippet: snippetOf(shown.answer), language: shown.language, koreanFallback: shown.koreanFallback });
      }
      const day = kstDay(now);
      await count(day, 'searches');
      if (caller.visitId) {
        const visitId = caller.visitId;
        await countQuietly(deps.log, 'visits', async () => {
          const { first } = await deps.stats.noteVisitSearch(visitId, now.toISOString(), day, Math.ceil(now.getTime() / 1000) + VISIT_RETENTION_S);
          if (first) await deps.stats.add(day, 'visits');
        });
      }
      return { items };
    },

    async openAnswer(input: { caseId: string; language: AnswerLanguage }, caller: PublicCaller): Promise<LocalizedAnswer> {
      const now = await admit(caller);
      const { answers } = await deps.knowledge.current();
      const answer = answers.get(input.caseId);
      if (!answer) throw new AnswerNotFoundError(input.caseId);
      await count(kstDay(now), 'answersOpened');
      return localizeAnswer(answer, input.language);
    },

    /**
     * "This did not help": counted, and answered with what the page prefills for a counselor and
     * the case id the new complaint will carry.
     */
    async answerDidNotHelp(input: { caseId: string; language: AnswerLanguage }, caller: PublicCaller): Promise<{ caseId: string; prefill: string }> {
      const now = await admit(caller);
      const { answers } = await deps.knowledge.current();
      const answer = answers.get(input.caseId);
      if (!answer) throw new AnswerNotFoundError(input.caseId);
      await count(kstDay(now), 'notHelped');
      const shown = localizeAnswer(answer, input.language);
      // The question is stored in Korean only: a citizen reading a translation gets its title, in their language.
      return { caseId: answer.caseId, prefill: shown.language === 'ko' ? answer.question : shown.title };
    },

  };
}

export type SelfService = ReturnType<typeof createSelfService>;
