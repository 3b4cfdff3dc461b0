import type { SearchIndex } from '../knowledge/ports.ts';
import type { PublicAnswer } from './public-answers.ts';

/** What the public may search and read: the current index and its public answers, built together. */
export interface PublicKnowledge {
  index: SearchIndex;
  answers: ReadonlyMap<string, PublicAnswer>;
}

export interface PublicKnowledgeProvider {
  current(): Promise<PublicKnowledge>;
}

/** The per-KST-day counters; none holds anything about a person. */
export const DAY_COUNTERS = ['searches', 'answersOpened', 'notHelped', 'visits', 'visitsContacted'] as const;
export type DayCounter = (typeof DAY_COUNTERS)[number];
export type DayCounts = Record<DayCounter, number>;

/**
 * Self-service statistics in the table. Counts are statistics: a retried request may count twice,
 * and a failure to count never fails the citizen's request.
 */
export interface SelfServiceStatsStore {
  add(day: string, counter: DayCounter): Promise<void>;
  /**
   * Notes a search of a visit (the page's random id): its last search time moves to `at`.
   * Returns the KST day of the visit's first search when this is its first search, else null.
   */
  noteVisitSearch(visitId: string, at: string, day: string, expiresAtEpochS: number): Promise<{ first: boolean }>;
  /**
   * Marks the visit contacted when its last search was at or after `since` and it was not marked
   * before (one conditional write). Returns the visit's day when it marked it, else null.
   */
  markVisitContacted(visitId: string, at: string, since: string): Promise<string | null>;
  /** Counters of the days from `from` to `to` (YYYY-MM-DD, both included); days without any are absent. */
  listDays(from: string, to: string): Promise<Array<{ day: string } & Partial<DayCounts>>>;
}

/** One fixed window per hashed address, counted across containers; false once it is full. */
export interface AddressRateLimiter {
  count(addressHash: string, window: { start: number; lengthMs: number; limit: number }): Promise<boolean>;
}
