import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_POLICY, type ActorDaySummary, type ReviewPolicy } from '../../../functions/core/audit/review-model.ts';
import { median, outsideWorkingHours, reviewMonth } from '../../../functions/core/audit/review-month.ts';

function summary(subject: string, citizens: number, overrides: Partial<ActorDaySummary> = {}): ActorDaySummary {
  const hours = Array.from({ length: 24 }, () => 0);
  hours[10] = citizens;
  return {
    day: '2026-07-02',
    subject,
    username: subject,
    roles: { counselor: citizens },
    records: citizens,
    refused: 0,
    citizens: Array.from({ length: citizens }, (_, i) => `${subject}-${i}`),
    unmasks: [],
    exports: 0,
    statisticsDownloads: 0,
    hours,
    ...overrides,
  };
}

const DAYS = { summarized: ['2026-07-02'], computed: [] };

function flagsOf(summaries: ActorDaySummary[], policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): Record<string, string[]> {
  const review = reviewMonth('2026-07', summaries, policy, DAYS);
  return Object.fromEntries(review.actors.map((actor) => [actor.username, actor.flags.map((flag) => flag.rule)]));
}

describe('monthly review rules', () => {
  it('flags an actor with more than 3 × the median distinct citizens of their peers, once at the minimum', () => {
    expect(flagsOf([summary('a', 10), summary('b', 12), summary('c', 11), summary('x', 37)])).toMatchObject({ x: ['many-citizens'], a: [], b: [], c: [] });
    // 33 is exactly 3 × 11: not more than.
    expect(flagsOf([summary('a', 10), summary('b', 12), summary('c', 11), summary('x', 33)]).x).toEqual([]);
  });

  it('does not flag below the minimum, however quiet the peers', () => {
    expect(flagsOf([summary('a', 1), summary('b', 1), summary('x', 29)]).x).toEqual([]);
    expect(flagsOf([summary('a', 1), summary('b', 1), summary('x', 30)]).x).toEqual(['many-citizens']);
  });

  it('needs at least two peers of the same role to compare with', () => {
    expect(flagsOf([summary('a', 1), summary('x', 100)]).x).toEqual([]);
    const supervisors = [summary('s1', 1, { roles: { supervisor: 1 } }), summary('s2', 1, { roles: { supervisor: 1 } })];
    // Two counselor-peers would flag x; supervisors are not x's peers.
    expect(flagsOf([...supervisors, summary('a', 1), summary('x', 100)]).x).toEqual([]);
  });

  it('follows the configured factor and minimum', () => {
    const strict: ReviewPolicy = { ...DEFAULT_REVIEW_POLICY, manyCitizens: { factor: 1.5, minimum: 5, minPeers: 1 } };
    expect(flagsOf([summary('a', 4), summary('x', 7)], strict).x).toEqual(['many-citizens']);
  });

  it('flags repeated refusals at the threshold', () => {
    expect(flagsOf([summary('x', 0, { refused: 9 })]).x).toEqual([]);
    expect(flagsOf([summary('x', 0, { refused: 10 })]).x).toEqual(['repeated-refusals']);
  });

  it('counts distinct citizens over the month, not per day', () => {
    const review = reviewMonth('2026-07', [summary('x', 3), { ...summary('x', 3), day: '2026-07-03' }], DEFAULT_REVIEW_POLICY, DAYS);
    expect(review.actors[0]).toMatchObject({ records: 6, distinctCitizens: 3 });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([1, 9, 3, 5])).toBe(4);
    expect(median([7])).toBe(7);
    expect(median([])).toBe(0);
  });
});

describe('working hours', () => {
  const hours = Array.from({ length: 24 }, () => 1);
  const policy = DEFAULT_REVIEW_POLICY.workingHours;

  it('counts 09:00-18:00 KST on weekdays as working hours (15 of 24 hours outside)', () => {
    expect(outsideWorkingHours('2026-07-02', hours, policy)).toBe(15);
  });

  it('counts all of a weekend day or a holiday as outside', () => {
    expect(outsideWorkingHours('2026-07-04', hours, policy)).toBe(24);
    expect(outsideWorkingHours('2026-07-05', hours, policy)).toBe(24);
    expect(outsideWorkingHours('2026-08-17', hours, { ...policy, holidays: ['2026-08-17'] })).toBe(24);
  });

  it('follows configured hours and days (a 24/7 centre working shifts)', () => {
    expect(outsideWorkingHours('2026-07-04', hours, { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] })).toBe(0);
    expect(outsideWorkingHours('2026-07-02', hours, { ...policy, startHour: 8, endHour: 20 })).toBe(12);
  });
});
