import { describe, expect, it } from 'vitest';
import { inQuietHours, noticeNotBefore, quietHoursEnd } from '../../../functions/core/notices/quiet-hours.ts';

/** KST wall time → instant. */
const kst = (wall: string) => new Date(`${wall}+09:00`);

describe('quiet hours (21:00-08:00 KST)', () => {
  it.each([
    ['2026-12-05T20:59:59.999', false],
    ['2026-12-05T21:00:00.000', true],
    ['2026-12-05T23:30:00.000', true],
    ['2026-12-06T00:00:00.000', true],
    ['2026-12-06T07:59:59.999', true],
    ['2026-12-06T08:00:00.000', false],
    ['2026-12-06T12:00:00.000', false],
  ])('%s KST is quiet: %s', (wall, quiet) => {
    expect(inQuietHours(kst(wall))).toBe(quiet);
  });

  it('holds a notice planned at 21:00 until 08:00 the next morning, and one planned at 07:59 until 08:00 the same morning', () => {
    expect(quietHoursEnd(kst('2026-12-05T21:00:00.000')).toISOString()).toBe(kst('2026-12-06T08:00:00.000').toISOString());
    expect(quietHoursEnd(kst('2026-12-31T23:59:59.000')).toISOString()).toBe(kst('2027-01-01T08:00:00.000').toISOString());
    expect(quietHoursEnd(kst('2026-12-06T07:59:59.999')).toISOString()).toBe(kst('2026-12-06T08:00:00.000').toISOString());
    expect(quietHoursEnd(kst('2026-12-06T00:00:00.000')).toISOString()).toBe(kst('2026-12-06T08:00:00.000').toISOString());
  });

  it('sends at once outside quiet hours, and an exempt notice (the answer) at once inside them', () => {
    const evening = kst('2026-12-05T20:59:59.999');
    expect(noticeNotBefore(evening, { exempt: false })).toEqual(evening);
    const night = kst('2026-12-05T22:10:00.000');
    expect(noticeNotBefore(night, { exempt: false }).toISOString()).toBe(kst('2026-12-06T08:00:00.000').toISOString());
    expect(noticeNotBefore(night, { exempt: true })).toEqual(night);
    const morning = kst('2026-12-06T08:00:00.000');
    expect(noticeNotBefore(morning, { exempt: false })).toEqual(morning);
  });
});
