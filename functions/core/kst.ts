/**
 * Korea Standard Time helpers. Receipt numbers, the channel+day index and day filters all
 * use the citizen's calendar day (KST, UTC+9, no daylight saving), not the UTC day.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Canonical UTC ISO form (fixed width), so stored instants sort lexicographically. */
export function toUtcIso(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid instant');
  return date.toISOString();
}

/** KST calendar day of an instant, as YYYY-MM-DD. */
export function kstDay(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** KST calendar day of an instant, as YYYYMMDD. */
export function kstCompactDay(instant: string | Date): string {
  return kstDay(instant).replaceAll('-', '');
}

/** The UTC instant at which a KST day (YYYY-MM-DD) begins. */
export function kstDayStart(day: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(midnightUtc)) throw new RangeError('invalid day');
  return new Date(midnightUtc - KST_OFFSET_MS);
}

/** KST days from `first` to `last` inclusive (YYYY-MM-DD), oldest first. */
export function kstDaysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = kstDayStart(first).getTime(); t <= kstDayStart(last).getTime(); t += DAY_MS) days.push(kstDay(new Date(t)));
  return days;
}

export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}
