/*
 * When a stored mention is looked up again (GET /2/tweets, a billed read each time). X bills
 * every post returned and deduplicates only within a UTC day, so re-reading every stored post
 * daily costs (days kept) x (daily mentions) reads a day. Instead a post is looked up at ages
 * 1, 2, 4, 8, 16 and 32 days (most deletions and protections happen early), then every 30 days
 * for as long as the copy is kept. Batch compliance jobs (not billed per post) cover every held
 * post daily in between; lookups add what jobs do not report (withheld posts).
 */
const EARLY_AGES = new Set([1, 2, 4, 8, 16, 32]);
const LATE_PERIOD_DAYS = 30;

export function isLookupAge(ageDays: number): boolean {
  if (!Number.isInteger(ageDays) || ageDays < 1) return false;
  return EARLY_AGES.has(ageDays) || (ageDays > 32 && ageDays % LATE_PERIOD_DAYS === 0);
}
