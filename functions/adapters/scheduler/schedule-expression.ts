/**
 * EventBridge Scheduler one-time expression `at(yyyy-mm-ddThh:mm:ss)` in Asia/Seoul wall-clock
 * time (the schedule names the time zone; Korea has no daylight saving, so UTC+9 is exact).
 */
export const SCHEDULE_TIMEZONE = 'Asia/Seoul';
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function atExpression(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid instant');
  return `at(${new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 19)})`;
}
