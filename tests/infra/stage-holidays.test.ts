import { describe, expect, it } from 'vitest';
import { parseStageConfig, type StageConfigInput } from '../../lib/config/stage-config.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from '../../lib/config/public-holidays.ts';
import { STAGES } from '../../lib/config/stages.ts';

const base: StageConfigInput = { name: 'test', production: false, logRetentionDays: 30, removalPolicy: 'destroy', smsSender: 'twilio' };

describe('stage config: public holidays', () => {
  it('gives every stage the national table for 2026, 2027 and 2028 by default', () => {
    for (const stage of STAGES) expect(stage.publicHolidays).toEqual(KOREAN_PUBLIC_HOLIDAYS);
    const years = new Set(KOREAN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date.slice(0, 4)));
    expect([...years]).toEqual(['2026', '2027', '2028']);
    expect(KOREAN_PUBLIC_HOLIDAYS.filter((holiday) => holiday.name.includes('대체공휴일')).map((holiday) => holiday.date)).toEqual([
      '2026-03-02', '2026-05-25', '2026-08-17', '2026-10-05',
      '2027-02-09', '2027-05-03', '2027-07-19', '2027-08-16', '2027-10-04', '2027-10-11', '2027-12-27',
      '2028-10-05',
    ]);
  });

  it('takes a stage\'s own table, and refuses a day that is not a date or is listed twice', () => {
    expect(parseStageConfig({ ...base, publicHolidays: [{ date: '2026-10-02', name: '임시공휴일' }] }).publicHolidays).toHaveLength(1);
    expect(() => parseStageConfig({ ...base, publicHolidays: [{ date: '2026-02-30', name: 'x' }] })).toThrow(/publicHolidays/);
    expect(() => parseStageConfig({ ...base, publicHolidays: [{ date: '2026-10-02', name: 'a' }, { date: '2026-10-02', name: 'b' }] })).toThrow(/listed twice/);
  });
});
