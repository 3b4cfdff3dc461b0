import { describe, expect, it } from 'vitest';
import { ALLOWED_TRANSITIONS, canTransition } from '../../../functions/core/complaint-lifecycle.ts';
import { DEFAULT_INTAKE_POLICY, translationRetryDelaySeconds } from '../../../functions/core/intake-policy.ts';
import { addDays, kstDay, kstDayStart, kstDaysBetween } from '../../../functions/core/kst.ts';
import { planTranslation } from '../../../functions/core/translation-plan.ts';
import type { Translator } from '../../../functions/core/ports/translator.ts';

describe('complaint lifecycle', () => {
  it('lets counselors work, answer, close and reopen, but never go back to received', () => {
    expect(canTransition('received', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'answered')).toBe(true);
    expect(canTransition('answered', 'in_progress')).toBe(true);
    expect(canTransition('closed', 'in_progress')).toBe(true);
    expect(canTransition('closed', 'answered')).toBe(false);
    for (const from of Object.keys(ALLOWED_TRANSITIONS) as (keyof typeof ALLOWED_TRANSITIONS)[]) {
      expect(canTransition(from, 'received')).toBe(false);
      expect(canTransition(from, from)).toBe(false);
    }
  });
});

describe('intake policy', () => {
  it('counts due dates in working days, knowing no holidays until wiring passes the table', () => {
    expect(DEFAULT_INTAKE_POLICY.calendar.holidays.size).toBe(0);
    expect(addDays('2026-03-02T01:00:00.000Z', 7)).toBe('2026-03-09T01:00:00.000Z');
  });

  it('backs deferred translation off exponentially, never past the SQS maximum delay', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => translationRetryDelaySeconds(n))).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

describe('KST days', () => {
  it('starts the Korean day at 15:00 UTC the evening before', () => {
    expect(kstDayStart('2026-03-02').toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(kstDay('2026-03-01T15:00:00.000Z')).toBe('2026-03-02');
    expect(kstDaysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('translation plan', () => {
  const translator: Translator = { name: 't', translate: async () => ({ text: '' }) };

  it('never plans to translate Korean, and names the source otherwise', () => {
    expect(planTranslation('안녕하세요', 'ko', translator)).toEqual({ kind: 'settled', status: 'not_needed' });
    expect(planTranslation('hello there', 'en', translator)).toEqual({ kind: 'translate', source: 'en' });
    expect(planTranslation('hello there', 'en', null)).toEqual({ kind: 'settled', status: 'unavailable' });
    expect(planTranslation('ok 👍', 'und', translator)).toMatchObject({ kind: 'settled', status: 'failed' });
    expect(planTranslation('👍 123', 'und', translator)).toEqual({ kind: 'settled', status: 'not_needed' });
  });
});
