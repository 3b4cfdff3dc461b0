import { InvalidQueryError } from '../errors.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import type { Clock } from '../ports/runtime.ts';
import { effectiveDueAt } from './due-at.ts';
import type { OverdueComplaintIndex } from './ports.ts';
import { uncoveredYears, type WorkingCalendar } from './working-time.ts';

export interface OverdueDeps {
  overdue: OverdueComplaintIndex;
  clock: Clock;
}

export interface OverdueEntry {
  complaint: VersionedComplaint;
  /** The due time that was missed (the extended one when there is one). */
  dueAt: string;
}

export const MAX_OVERDUE_PAGE = 100;

/**
 * Open complaints past their due time, earliest due first: the supervisors' list. `now`
 * defaults to the clock; pass the same `now` with a cursor to page through one snapshot.
 */
export async function listOverdue(
  deps: OverdueDeps,
  query: { now?: string; limit?: number; cursor?: string } = {},
): Promise<{ now: string; items: OverdueEntry[]; nextCursor?: string }> {
  const limit = query.limit ?? 50;
  const issues: string[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OVERDUE_PAGE) issues.push(`limit must be an integer from 1 to ${MAX_OVERDUE_PAGE}`);
  const now = query.now ?? deps.clock.now().toISOString();
  if (Number.isNaN(Date.parse(now))) issues.push('now must be an ISO instant');
  if (issues.length > 0) throw new InvalidQueryError(issues);
  const at = new Date(now).toISOString();
  const page = await deps.overdue.listOverdue({ now: at, limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return {
    now: at,
    items: page.items.map((complaint) => ({ complaint, dueAt: effectiveDueAt(complaint) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export interface OverdueMeasurement {
  at: string;
  overdue: number;
  /** This year and next, where the holiday table lists nothing: due times there ignore holidays. */
  uncoveredYears: number[];
}

/** What the scheduled metric function reports each run. */
export async function measureOverdue(deps: OverdueDeps & { calendar: WorkingCalendar }): Promise<OverdueMeasurement> {
  const now = deps.clock.now();
  const nextYear = new Date(now.getTime() + 366 * 24 * 60 * 60 * 1000);
  return { at: now.toISOString(), overdue: await deps.overdue.countOverdue(now.toISOString()), uncoveredYears: uncoveredYears(deps.calendar, now, nextYear) };
}
