import { kstDay, kstDayStart } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { AnswerNotFoundError, SelfServiceRateLimitedError } from './errors.ts';
import { localizeAnswer, type AnswerLanguage, type LocalizedAnswer } from './public-answers.ts';
import { DAY_COUNTERS, type AddressRateLimiter, type DayCounter, type DayCounts, type PublicKnowledgeProvider, type SelfServiceStatsStore } from './ports.ts';

/** A search not followed by a contact within this long counts as resolved by self-service. */
export const CONTACT_WINDOW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Visits are kept a day past the contact window, then expire by TTL. */
const VISIT_RETENTION_S = (CONTACT_WINDOW_MS + DAY_MS) / 1000;
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

export interface DayStats extends DayCounts {
  day: string;
  /** Visits whose searches no contact followed within the hour. */
  resolvedVisits: number;
  /** False while a contact may still be counted for the day (until an hour after it ends). */
  final: boolean;
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

  /** Counting never fails the citizen's request. */
  async function quietly(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      deps.log.warn('self-service statistic not recorded', { what, errorName: (error as Error).name });
    }
  }

  const count = (day: string, counter: DayCounter) => quietly(counter, () => deps.stats.add(day, counter));

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
        await quietly('visits', async () => {
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

    /**
     * A contact arrived from a visit (the intake calls this when a message carries the visit id):
     * the visit counts as contacted when it searched within the hour before, once.
     */
    async recordContact(visitId: string, at: string): Promise<void> {
      const since = new Date(Date.parse(at) - CONTACT_WINDOW_MS).toISOString();
      await quietly('visitsContacted', async () => {
        const day = await deps.stats.markVisitContacted(visitId, at, since);
        if (day) await deps.stats.add(day, 'visitsContacted');
      });
    },

    /** Per KST day counters for supervisors and auditors, oldest first, every day of the range present. */
    async dayStats(input: { from: string; to: string }): Promise<{ days: DayStats[] }> {
      const stored = new Map((await deps.stats.listDays(input.from, input.to)).map((d) => [d.day, d]));
      const now = deps.clock.now().getTime();
      const days: DayStats[] = [];
      for (let t = kstDayStart(input.from).getTime(); t <= kstDayStart(input.to).getTime(); t += DAY_MS) {
        const day = kstDay(new Date(t));
        const row = stored.get(day);
        const counts = Object.fromEntries(DAY_COUNTERS.map((c) => [c, row?.[c] ?? 0])) as DayCounts;
        days.push({ day, ...counts, resolvedVisits: Math.max(0, counts.visits - counts.visitsContacted), final: now >= t + DAY_MS + CONTACT_WINDOW_MS });
      }
      return { days };
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;
