import { createHash } from 'node:crypto';
import { maskPersonalData } from '../pii-masking.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { READERS, requireRole } from './actor.ts';
import { normalizeText } from './hangul-terms.ts';
import type { Actor, KnowledgeHit } from './model.ts';
import type { SearchIndexProvider } from './ports.ts';

/** A search whose best case covers less than this share of the query is a gap in the knowledge base. */
export const GAP_SCORE_THRESHOLD = 0.5;
/** Suggestions below this are noise, not help: a complaint about something no case covers gets none. */
export const SUGGESTION_MIN_SCORE = 0.2;
export const SUGGESTION_COUNT = 3;
/** Complaints can be long; the opening carries the subject, and scoring every word costs. */
const SUGGESTION_TEXT_CHARS = 1000;

export interface SearchGap {
  key: string;
  /** The query as typed, personal numbers masked. */
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
  bestScore: number;
  bestCaseId?: string;
}

export interface SearchGapStore {
  /** Counts one more occurrence of the gap (creating it the first time). */
  record(gap: { key: string; query: string; at: string; bestScore: number; bestCaseId?: string }): Promise<void>;
  list(limit: number): Promise<SearchGap[]>;
}

export interface SearchKnowledgeDeps {
  index: SearchIndexProvider;
  gaps: SearchGapStore;
  clock: Clock;
  log: Log;
}

/** The same question typed with other spacing or case is the same gap. */
export function gapKey(query: string): string {
  const normalized = normalizeText(query).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return createHash('sha256').update(normalized).digest('base64url').slice(0, 22);
}

export function createKnowledgeSearch(deps: SearchKnowledgeDeps) {
  return {
    /** `GET /api/knowledge/search`: best first; a counselor's search that finds nothing good is recorded as a gap. */
    async searchKnowledge(input: { q: string; limit?: number; category?: string }, actor: Actor): Promise<{ items: KnowledgeHit[] }> {
      requireRole(actor, READERS, 'search knowledge');
      const index = await deps.index.current();
      const items = index.search(input.q, { limit: input.limit ?? 10, ...(input.category ? { category: input.category } : {}) });
      const best = items[0];
      if (!best || best.score < GAP_SCORE_THRESHOLD) {
        try {
          await deps.gaps.record({
            key: gapKey(input.q),
            query: maskPersonalData(input.q),
            at: deps.clock.now().toISOString(),
            bestScore: best?.score ?? 0,
            ...(best ? { bestCaseId: best.caseId } : {}),
          });
        } catch (error) {
          // A gap is a statistic: losing one never fails the counselor's search.
          deps.log.warn('knowledge gap not recorded', { error: (error as Error).message });
        }
      }
      return { items };
    },

    /** Top cases for a new complaint's Korean text (the translation for foreign-language contacts). */
    async suggestCases(koreanText: string): Promise<KnowledgeHit[]> {
      const index = await deps.index.current();
      return index.search(koreanText.slice(0, SUGGESTION_TEXT_CHARS), { limit: SUGGESTION_COUNT }).filter((hit) => hit.score >= SUGGESTION_MIN_SCORE);
    },

    async listGaps(input: { limit?: number }, actor: Actor): Promise<{ items: SearchGap[] }> {
      requireRole(actor, ['supervisor', 'auditor', 'system'], 'list knowledge gaps');
      return { items: await deps.gaps.list(input.limit ?? 50) };
    },
  };
}
