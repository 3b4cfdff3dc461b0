/*
 * No notices between 21:00 and 08:00 KST: a notice planned then waits until 08:00. The answer
 * itself is not held (the citizen is waiting for it, as for a counselor's reply), nor is the
 * answer to a status keyword the citizen has just texted.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const QUIET_HOURS = { startHour: 21, endHour: 8 } as const;

/** True when `instant` falls in quiet hours (21:00 inclusive to 08:00 exclusive, KST). */
export function inQuietHours(instant: Date): boolean {
  const hour = new Date(instant.getTime() + KST_OFFSET_MS).getUTCHours();
  return hour >= QUIET_HOURS.startHour || hour < QUIET_HOURS.endHour;
}

/** The end of the quiet hours `instant` falls in: the next 08:00 KST. */
export function quietHoursEnd(instant: Date): Date {
  const kst = instant.getTime() + KST_OFFSET_MS;
  const kstMidnight = kst - (kst % DAY_MS);
  const morning = kstMidnight + QUIET_HOURS.endHour * HOUR_MS;
  return new Date((kst < morning ? morning : morning + DAY_MS) - KST_OFFSET_MS);
}

/** When a notice planned at `now` may be sent: now, or 08:00 KST when it is held. */
export function noticeNotBefore(now: Date, options: { exempt: boolean }): Date {
  return options.exempt || !inQuietHours(now) ? now : quietHoursEnd(now);
}
