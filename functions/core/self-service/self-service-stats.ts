import { kstDay, kstDayStart } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { DAY_COUNTERS, type DayCounts, type SelfServiceStatsStore } from './ports.ts';

/** A search not followed by a contact within this long counts as resolved by self-service. */
export const CONTACT_WINDOW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DayStats extends DayCounts {
  day: string;
  /** Visits whose searches no contact followed within the hour. */
  resolvedVisits: number;
  /** False while a contact may still be counted for the day (until an hour after it ends). */
  final: boolean;
}

/** Counting is a statistic: a failure is logged and never fails the citizen's request or contact. */
export async function countQuietly(log: Log, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.warn('self-service statistic not recorded', { what, errorName: (error as Error).name });
  }
}

export function createSelfServiceStats(deps: { stats: SelfServiceStatsStore; clock: Clock; log: Log }) {
  return {
    /**
     * A contact arrived from a visit (the intake calls this when a message carries the visit id):
     * the visit counts as contacted when it searched within the hour before, once.
     */
    async recordContact(visitId: string, at: string): Promise<void> {
      const since = new Date(Date.parse(at) - CONTACT_WINDOW_MS).toISOString();
      await countQuietly(deps.log, 'visitsContacted', async () => {
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

export type SelfServiceStats = ReturnType<typeof createSelfServiceStats>;
