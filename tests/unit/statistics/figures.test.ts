import { describe, expect, it } from 'vitest';
import { counters } from '../../../functions/core/statistics/counters.ts';
import { figuresOf } from '../../../functions/core/statistics/figures.ts';
import { bucketUpperSeconds, firstReplyBucket, percentileSeconds } from '../../../functions/core/statistics/first-reply-buckets.ts';
import { statisticsCsv } from '../../../functions/core/statistics/statistics-csv.ts';
import { statisticsRange } from '../../../functions/core/statistics/statistics-report.ts';
import { InvalidQueryError } from '../../../functions/core/errors.ts';
import { ManualClock } from '../../support/in-memory-ports.ts';

describe('time to first reply buckets', () => {
  it('puts every duration in a bucket whose upper bound is at most 5 % above it', () => {
    for (const seconds of [2, 59, 60, 61, 3599, 3600, 86_400, 7 * 86_400, 30 * 86_400]) {
      const upper = bucketUpperSeconds(firstReplyBucket(seconds));
      expect(upper).toBeGreaterThanOrEqual(seconds);
      expect(upper).toBeLessThanOrEqual(Math.ceil(seconds * 1.05) + 1);
    }
  });

  it('reports nearest-rank percentiles and nothing without answers', () => {
    const histogram = { [firstReplyBucket(60)]: 5, [firstReplyBucket(3600)]: 4, [firstReplyBucket(86_400)]: 1 };
    expect(percentileSeconds(histogram, 0.5)).toBe(bucketUpperSeconds(firstReplyBucket(60)));
    expect(percentileSeconds(histogram, 0.9)).toBe(bucketUpperSeconds(firstReplyBucket(3600)));
    expect(percentileSeconds({}, 0.5)).toBeNull();
  });
});

describe('figures', () => {
  it('derives rates from the summed counters, and leaves them empty rather than dividing by zero', () => {
    const f = figuresOf(
      { complaints: counters({ complaints: 4, answered: 4, onTime: 3, closed: 2, fcr: 1, 'survey.asked': 2, 'survey.answered': 1, 'survey.scoreSum': 5, 'survey.score.5': 1 }) },
      { available: false, days: [] },
    );
    expect(f.onTime).toEqual({ answered: 4, onTime: 3, share: 0.75 });
    expect(f.firstContactResolution).toEqual({ closed: 2, resolved: 1, rate: 0.5 });
    expect(f.satisfaction).toMatchObject({ average: 5, responseRate: 0.5, scores: { '5': 1 } });
    const empty = figuresOf({}, { available: false, days: [] });
    expect(empty.onTime.share).toBeNull();
    expect(empty.satisfaction.average).toBeNull();
    expect(empty.voiceQueues).toMatchObject({ available: false });
  });
});

describe('the requested range', () => {
  const clock = new ManualClock('2026-03-02T16:00:00.000Z'); // 01:00 on 3 March in Seoul

  it('defaults to the last 7 KST days, today included', () => {
    expect(statisticsRange({}, clock)).toMatchObject({ from: '2026-02-25', to: '2026-03-03' });
    expect(statisticsRange({}, clock).days).toHaveLength(7);
  });

  it('refuses malformed days, reversed ranges and ranges longer than a quarter', () => {
    for (const query of [{ from: '2026-3-1', to: '2026-03-02' }, { from: '2026-02-30', to: '2026-03-02' }, { from: '2026-03-05', to: '2026-03-02' }, { from: '2025-01-01', to: '2026-03-02' }]) {
      expect(() => statisticsRange(query, clock)).toThrow(InvalidQueryError);
    }
  });
});

describe('the CSV download', () => {
  it('is long-form UTF-8 with a BOM, quotes commas and keeps a spreadsheet from running a name as a formula', () => {
    const range = statisticsRange({ from: '2026-03-02', to: '2026-03-02' }, new ManualClock());
    const figures = figuresOf({ complaints: counters({ complaints: 1, 'category.=HYPERLINK("x")': 1, 'agency.구청, 교통과': 1 }) }, { available: false, days: [] });
    const csv = statisticsCsv({ ...range, source: 'rollups', total: figures, byDay: [{ day: '2026-03-02', ...figures }] });
    expect(csv.startsWith('\uFEFFday,figure,key,value\r\n')).toBe(true);
    expect(csv).toContain('total,complaints.byCategory,"\'=HYPERLINK(""x"")",1');
    expect(csv).toContain('2026-03-02,complaints.byAgency,"구청, 교통과",1');
  });
});
