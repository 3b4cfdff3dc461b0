import { describe, expect, it } from 'vitest';
import { dueAt, extendedDueAt } from '../../../functions/core/deadlines/due-at.ts';
import { addWorkingHours, isWorkingDay, uncoveredYears, workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from '../../../lib/config/public-holidays.ts';

const calendar = workingCalendar(KOREAN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date));
const noHolidays = workingCalendar([]);

/** A KST wall-clock time as the UTC ISO instant the code stores. */
const kst = (local: string): string => new Date(`${local}+09:00`).toISOString();

describe('periods in days (Act art. 19(2): first day counted, Saturdays and public holidays not)', () => {
  it('counts seven working days from a Monday, the day of receipt included, to close of business', () => {
    expect(dueAt(kst('2026-03-09T10:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2026-03-17T18:00:00'));
  });

  it('does not count a Saturday of receipt: the first day is the next working day', () => {
    expect(dueAt(kst('2026-03-07T10:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2026-03-17T18:00:00'));
    expect(dueAt(kst('2026-03-08T23:59:00'), 'inquiry-procedure', calendar)).toBe(kst('2026-03-17T18:00:00'));
  });

  it('counts a working day of receipt even when the petition came in after hours', () => {
    expect(dueAt(kst('2026-03-09T21:30:00'), 'inquiry-procedure', calendar)).toBe(kst('2026-03-17T18:00:00'));
  });

  it('skips the three days of Seollal', () => {
    // Fri 13 (1), Seollal Mon 16 - Wed 18, Thu 19 (2) ... Thu 26 (7)
    expect(dueAt(kst('2026-02-13T15:00:00'), 'grievance', calendar)).toBe(kst('2026-02-26T18:00:00'));
    expect(dueAt(kst('2026-02-13T15:00:00'), 'grievance', noHolidays)).toBe(kst('2026-02-23T18:00:00'));
  });

  it('skips a substitute holiday (3·1절 on a Sunday moves to Monday 2 March 2026)', () => {
    expect(dueAt(kst('2026-02-27T09:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2026-03-10T18:00:00'));
  });

  it('skips Chuseok, the substitute for 개천절 and 한글날 in one fourteen-day suggestion', () => {
    expect(dueAt(kst('2026-09-23T11:00:00'), 'suggestion', calendar)).toBe(kst('2026-10-16T18:00:00'));
  });

  it('skips Seollal 2027, whose Sunday overlap gives a substitute on Tuesday 9 February', () => {
    expect(dueAt(kst('2027-02-05T16:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2027-02-17T18:00:00'));
  });

  it('runs across the year boundary, Christmas and New Year included', () => {
    expect(dueAt(kst('2026-12-24T10:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2027-01-05T18:00:00'));
  });

  it('takes the day of receipt in KST: 16:00 UTC on New Year\'s Eve is New Year\'s Day in Seoul', () => {
    expect(dueAt('2026-12-31T16:00:00.000Z', 'inquiry-procedure', calendar)).toBe(kst('2027-01-12T18:00:00'));
  });

  it('counts fourteen days for law-interpretation inquiries, 노동절 and 어린이날 left out', () => {
    // Thu Apr 30 (1), Mon May 4 (2), Wed May 6 (3) ... Thu May 21 (14)
    expect(dueAt(kst('2026-04-30T10:00:00'), 'inquiry-law', calendar)).toBe(kst('2026-05-21T18:00:00'));
  });

  it('knows the 2028 table: Seollal on 26-28 January and the Chuseok substitute on 5 October', () => {
    // Tue Jan 25 (1), Mon Jan 31 (2) ... Mon Feb 7 (7)
    expect(dueAt(kst('2028-01-25T10:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2028-02-07T18:00:00'));
    // Fri Sep 29 (1), Fri Oct 6 (2), 한글날 Mon Oct 9, Tue Oct 10 (3) ... Mon Oct 16 (7)
    expect(dueAt(kst('2028-09-29T10:00:00'), 'inquiry-procedure', calendar)).toBe(kst('2028-10-16T18:00:00'));
  });
});

describe('periods in hours (Act art. 19(1); "immediately" = 3 working hours, decree art. 19)', () => {
  it('counts from the time of receipt inside working hours, lunch (12:00-13:00) left out', () => {
    expect(dueAt(kst('2026-03-10T09:00:00'), 'immediate', calendar)).toBe(kst('2026-03-10T12:00:00'));
    expect(dueAt(kst('2026-03-10T10:00:00'), 'immediate', calendar)).toBe(kst('2026-03-10T14:00:00'));
    expect(dueAt(kst('2026-03-10T11:30:00'), 'other', calendar)).toBe(kst('2026-03-10T15:30:00'));
    expect(dueAt(kst('2026-03-10T12:30:00'), 'immediate', calendar)).toBe(kst('2026-03-10T16:00:00'));
  });

  it('carries what is left of the hours over the weekend', () => {
    expect(dueAt(kst('2026-03-13T17:00:00'), 'immediate', calendar)).toBe(kst('2026-03-16T11:00:00'));
  });

  it('starts at 09:00 on the next working day for a petition received after hours or on a holiday', () => {
    expect(dueAt(kst('2026-03-10T20:00:00'), 'immediate', calendar)).toBe(kst('2026-03-11T12:00:00'));
    expect(dueAt(kst('2026-03-11T07:00:00'), 'immediate', calendar)).toBe(kst('2026-03-11T12:00:00'));
    expect(dueAt(kst('2026-05-05T10:00:00'), 'immediate', calendar)).toBe(kst('2026-05-06T12:00:00'));
    expect(dueAt(kst('2026-04-30T17:30:00'), 'immediate', calendar)).toBe(kst('2026-05-04T11:30:00'));
  });

  it('adds working hours across a lunar holiday block', () => {
    expect(addWorkingHours(calendar, new Date(kst('2026-09-23T16:00:00')), 8).toISOString()).toBe(kst('2026-09-28T16:00:00'));
  });
});

describe('extensions (decree art. 21: within the original period, counted the same way)', () => {
  it('runs a day extension on from the day after the current due date', () => {
    expect(extendedDueAt(kst('2026-03-17T18:00:00'), 'inquiry-procedure', 7, calendar)).toBe(kst('2026-03-26T18:00:00'));
    expect(extendedDueAt(kst('2026-09-23T18:00:00'), 'grievance', 2, calendar)).toBe(kst('2026-09-29T18:00:00'));
  });

  it('runs an hour extension on from the current due time', () => {
    expect(extendedDueAt(kst('2026-03-10T14:00:00'), 'immediate', 3, calendar)).toBe(kst('2026-03-10T17:00:00'));
    expect(extendedDueAt(kst('2026-03-13T18:00:00'), 'immediate', 3, calendar)).toBe(kst('2026-03-16T12:00:00'));
  });
});

describe('working calendar', () => {
  it('treats weekends and listed holidays as non-working days', () => {
    expect(isWorkingDay(calendar, '2026-03-02')).toBe(false);
    expect(isWorkingDay(calendar, '2026-03-03')).toBe(true);
    expect(isWorkingDay(calendar, '2026-03-07')).toBe(false);
  });

  it('refuses a day that does not exist', () => {
    expect(() => workingCalendar(['2026-02-30'])).toThrow(RangeError);
    expect(() => workingCalendar(['2026-2-3'])).toThrow(RangeError);
  });

  it('names the years the holiday table says nothing about', () => {
    expect(uncoveredYears(calendar, new Date(kst('2028-06-01T00:00:00')), new Date(kst('2029-06-01T00:00:00')))).toEqual([2029]);
    expect(uncoveredYears(calendar, new Date(kst('2026-06-01T00:00:00')), new Date(kst('2027-06-01T00:00:00')))).toEqual([]);
  });
});
