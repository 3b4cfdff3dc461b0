import * as z from '../../../schemas/zod-mini.ts';
import { kstDay, kstDaysBetween } from '../kst.ts';
import type { Clock } from '../ports/runtime.ts';
import { InvalidAuditQueryError } from './errors.ts';
import type { AuditStore } from './ports.ts';
import type { MonthlyReview, ReviewPolicy } from './review-model.ts';
import { reviewMonth } from './review-month.ts';
import { scanDay } from './scan-day.ts';
import { DaySummarizer } from './summarize-day.ts';

export interface ReviewDeps {
  readonly store: AuditStore;
  readonly clock: Clock;
  readonly policy: ReviewPolicy;
}

const MonthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/**
 * The monthly review of one KST month: sealed days from the digest job's summaries, the others
 * (today, or a day whose job has not run) computed from the records. Days after today are empty.
 */
export async function monthlyReview(deps: ReviewDeps, monthInput: unknown): Promise<MonthlyReview> {
  const parsed = MonthSchema.safeParse(monthInput);
  if (!parsed.success) throw new InvalidAuditQueryError(['month must be YYYY-MM']);
  const month = parsed.data;
  const today = kstDay(deps.clock.now());
  const last = lastDayOfMonth(month) < today ? lastDayOfMonth(month) : today;
  const days = `${month}-01` <= last ? kstDaysBetween(`${month}-01`, last) : [];

  const stored = await deps.store.monthSummaries(month);
  const complete = new Set(stored.completeDays);
  const summaries = stored.summaries.filter((summary) => complete.has(summary.day));
  const computed: string[] = [];
  for (const day of days.filter((candidate) => !complete.has(candidate))) {
    const summarizer = new DaySummarizer(day);
    const scan = await scanDay(deps.store, day, { onRecord: (record) => summarizer.add(record) });
    if (scan.records > 0) summaries.push(...summarizer.summaries());
    computed.push(day);
  }
  return reviewMonth(month, summaries, deps.policy, { summarized: days.filter((day) => complete.has(day)), computed });
}
