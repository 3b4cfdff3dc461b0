import { InvalidQueryError } from '../errors.ts';
import { kstDay, kstDayStart, kstDaysBetween } from '../kst.ts';
import type { Clock } from '../ports/runtime.ts';
import { sum } from './counters.ts';
import { figuresOf, type CountersByKind, type Figures } from './figures.ts';
import { ROLLUP_KINDS } from './model.ts';
import type { RollupStore, StatisticsSources, VoiceQueueMetricsStore } from './ports.ts';
import { recountDay } from './recount-day.ts';
import type { VoiceQueueDay } from './voice-queues.ts';

/** Longest range one request may ask for (a quarter): longer ones belong in the SQL exports. */
export const MAX_RANGE_DAYS = 92;
/** Without from/to: the last 7 KST days, today included. */
export const DEFAULT_RANGE_DAYS = 7;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface StatisticsRange {
  from: string;
  to: string;
  days: string[];
}

export interface StatisticsReport extends StatisticsRange {
  /** Where the figures came from: the rollups (the API), or a recount of the raw items (bench, reconciliation). */
  source: 'rollups' | 'recount';
  total: Figures;
  byDay: Array<{ day: string } & Figures>;
}

function validDay(value: string): boolean {
  return DAY.test(value) && kstDay(`${value}T12:00:00+09:00`) === value;
}

/** `from`/`to` as KST days (YYYY-MM-DD, inclusive); both default to the last 7 days. */
export function statisticsRange(query: { from?: string | undefined; to?: string | undefined }, clock: Clock): StatisticsRange {
  const to = query.to ?? kstDay(clock.now());
  if (!validDay(to)) throw new InvalidQueryError(['to must be a day, YYYY-MM-DD (KST)']);
  const from = query.from ?? kstDay(new Date(kstDayStart(to).getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  if (!validDay(from)) throw new InvalidQueryError(['from must be a day, YYYY-MM-DD (KST)']);
  if (from > to) throw new InvalidQueryError(['from must not be after to']);
  const days = kstDaysBetween(from, to);
  if (days.length > MAX_RANGE_DAYS) throw new InvalidQueryError([`a range holds at most ${MAX_RANGE_DAYS} days; use the SQL exports for longer ones`]);
  return { from, to, days };
}

function report(range: StatisticsRange, source: StatisticsReport['source'], byDay: Map<string, CountersByKind>, voice: { available: boolean; days: Map<string, VoiceQueueDay> }): StatisticsReport {
  const totals: CountersByKind = {};
  for (const kind of ROLLUP_KINDS) totals[kind] = sum(range.days.map((day) => byDay.get(day)?.[kind] ?? {}));
  const voiceOf = (days: readonly string[]) => ({ available: voice.available, days: days.flatMap((day) => (voice.days.has(day) ? [voice.days.get(day) as VoiceQueueDay] : [])) });
  return {
    ...range,
    source,
    total: figuresOf(totals, voiceOf(range.days)),
    byDay: range.days.map((day) => ({ day, ...figuresOf(byDay.get(day) ?? {}, voiceOf([day])) })),
  };
}

export interface RollupQueryDeps {
  store: RollupStore;
  /** Null where Connect's queue metrics are not read (local runs). */
  voice: VoiceQueueMetricsStore | null;
}

/** The API's answer: the rollups of the range's days (one read per month), summed. */
export async function statisticsFromRollups(deps: RollupQueryDeps, range: StatisticsRange): Promise<StatisticsReport> {
  const [rollups, voiceDays] = await Promise.all([deps.store.readRollups(range.days), deps.voice ? deps.voice.readVoiceDays(range.days) : Promise.resolve(new Map<string, VoiceQueueDay>())]);
  const byDay = new Map<string, CountersByKind>();
  for (const [day, kinds] of rollups) {
    const counters: CountersByKind = {};
    for (const kind of ROLLUP_KINDS) {
      const snapshot = kinds[kind];
      if (snapshot) counters[kind] = snapshot.counters;
    }
    byDay.set(day, counters);
  }
  return report(range, 'rollups', byDay, { available: deps.voice !== null, days: voiceDays });
}

export interface RecountDeps {
  sources: StatisticsSources;
  voice: VoiceQueueMetricsStore | null;
  concurrency?: number;
}

/** The same figures recomputed from the raw items, day by day. */
export async function statisticsFromRecount(deps: RecountDeps, range: StatisticsRange): Promise<StatisticsReport> {
  const byDay = new Map<string, CountersByKind>();
  for (const day of range.days) {
    const contributions = await recountDay(deps.sources, day, deps.concurrency);
    const counters: CountersByKind = {};
    for (const kind of ROLLUP_KINDS) counters[kind] = sum(contributions[kind].map((c) => c.counters));
    byDay.set(day, counters);
  }
  const voiceDays = deps.voice ? await deps.voice.readVoiceDays(range.days) : new Map<string, VoiceQueueDay>();
  return report(range, 'recount', byDay, { available: deps.voice !== null, days: voiceDays });
}
