import { kstDay, kstDayStart } from '../kst.ts';

/**
 * Working days and hours of a Korean public office, in KST. The Act leaves Saturdays and public
 * holidays out of every processing period (art. 19); Sundays are public holidays (관공서의
 * 공휴일에 관한 규정 제2조제1호). Working hours are 09:00-18:00 with the 12:00-13:00 lunch break
 * left out (국가공무원 복무규정 제9조), which gives the 8-hour day of Act art. 19(1).
 */
export interface WorkingCalendar {
  /** Public holidays (substitute and election days included) as KST days, YYYY-MM-DD. */
  readonly holidays: ReadonlySet<string>;
  /** Years the holiday table lists at least one day of: outside them only weekends are known. */
  readonly years: ReadonlySet<number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** [start, end) in minutes after KST midnight. */
export const WORKING_WINDOWS: ReadonlyArray<{ start: number; end: number }> = [
  { start: 9 * 60, end: 12 * 60 },
  { start: 13 * 60, end: 18 * 60 },
];
/** Close of business: the end of the last working window. */
export const CLOSE_OF_BUSINESS_MINUTES = 18 * 60;
/** A period longer than this many calendar days is a programming error, not a deadline. */
const MAX_SPAN_DAYS = 3 * 366;

export function workingCalendar(holidays: Iterable<string>): WorkingCalendar {
  const days = new Set<string>();
  for (const day of holidays) {
    if (!DAY_PATTERN.test(day) || kstDay(kstDayStart(day)) !== day) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
    days.add(day);
  }
  return { holidays: days, years: new Set([...days].map((day) => Number(day.slice(0, 4)))) };
}

export function nextDay(day: string): string {
  return kstDay(new Date(kstDayStart(day).getTime() + DAY_MS));
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  return !isWeekend(day) && !calendar.holidays.has(day);
}

function atMinutes(day: string, minutes: number): Date {
  return new Date(kstDayStart(day).getTime() + minutes * MINUTE_MS);
}

/**
 * The instant at which `hours` working hours have passed since `from` (Act art. 19(1): "접수시각부터
 * 시간 단위"). Time outside the working windows, on Saturdays and on holidays does not count, so a
 * petition received in the evening starts counting at 09:00 on the next working day.
 */
export function addWorkingHours(calendar: WorkingCalendar, from: Date, hours: number): Date {
  if (!(hours > 0)) throw new RangeError('hours must be positive');
  let remaining = hours * 60 * MINUTE_MS;
  let day = kstDay(from);
  for (let i = 0; i < MAX_SPAN_DAYS; i += 1, day = nextDay(day)) {
    if (!isWorkingDay(calendar, day)) continue;
    for (const window of WORKING_WINDOWS) {
      const start = Math.max(atMinutes(day, window.start).getTime(), from.getTime());
      const end = atMinutes(day, window.end).getTime();
      if (start >= end) continue;
      if (remaining <= end - start) return new Date(start + remaining);
      remaining -= end - start;
    }
  }
  throw new RangeError(`${hours} working hours do not fit in ${MAX_SPAN_DAYS} days`);
}

/**
 * Close of business on the `count`-th working day counted from `firstDay` itself (Act art. 19(2):
 * "첫날을 산입"; a first day that is a Saturday or holiday is not counted).
 */
export function closeOfWorkingDay(calendar: WorkingCalendar, firstDay: string, count: number): Date {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  let counted = 0;
  let day = firstDay;
  for (let i = 0; i < MAX_SPAN_DAYS; i += 1, day = nextDay(day)) {
    if (isWorkingDay(calendar, day)) counted += 1;
    if (counted === count) return atMinutes(day, CLOSE_OF_BUSINESS_MINUTES);
  }
  throw new RangeError(`${count} working days do not fit in ${MAX_SPAN_DAYS} days`);
}

/** Years between two instants (KST) that the holiday table says nothing about. */
export function uncoveredYears(calendar: WorkingCalendar, from: Date, to: Date): number[] {
  const years: number[] = [];
  for (let year = Number(kstDay(from).slice(0, 4)); year <= Number(kstDay(to).slice(0, 4)); year += 1) {
    if (!calendar.years.has(year)) years.push(year);
  }
  return years;
}
