import { describe, expect, it } from 'vitest';
import {
  HappyCallValidationError,
  dueCalls,
  notDueReason,
  optOutHappyCall,
  recordHappyCallOutcome,
  registerHappyCall,
  seoulTime,
  type HappyCallRegistration,
  type RegistrationInput,
} from '../../../functions/core/voice/happy-call.ts';

// 2025-01-06 is a Monday. Seoul is UTC+9.
const seoul = (isoLocal: string) => new Date(`${isoLocal}+09:00`);
const input: RegistrationInput = {
  registrationId: 'HC-1',
  citizen: { kind: 'phone', hash: 'h1', sealed: 's1', masked: '+82 10-****-5678' },
  language: 'vi',
  consent: { givenAt: '2025-01-01T00:00:00.000Z', source: 'voice', recordedBy: 'counselor:42' },
  schedule: { weekdays: [1, 3, 5], window: { start: '08:00', end: '12:00' }, perWeek: 2 },
};
const registered = () => registerHappyCall(input, seoul('2025-01-02T10:00:00'));
const claim = (r: HappyCallRegistration, at: Date): HappyCallRegistration => {
  const [call] = dueCalls([r], at);
  if (!call) throw new Error('expected a due call');
  return { ...r, attempts: { ...r.attempts, [call.slot]: { slot: call.slot, week: call.week, claimedAt: at.toISOString() } } };
};

describe('happy-call registration', () => {
  it('records consent with time, source and who recorded it', () => {
    expect(registered()).toMatchObject({ status: 'active', consent: input.consent, schedule: { weekdays: [1, 3, 5], perWeek: 2 } });
  });

  it('refuses a registration without consent', () => {
    expect(() => registerHappyCall({ ...input, consent: null }, seoul('2025-01-02T10:00:00'))).toThrow(HappyCallValidationError);
  });

  it('refuses a time window entirely outside 09:00-20:00 Seoul time', () => {
    const night = { ...input, schedule: { ...input.schedule, window: { start: '20:00', end: '23:00' } } };
    expect(() => registerHappyCall(night, seoul('2025-01-02T10:00:00'))).toThrow(/09:00-20:00/);
  });
});

describe('due happy calls', () => {
  it('is due on a preferred day inside the window, with a ClientToken per registration and slot', () => {
    expect(dueCalls([registered()], seoul('2025-01-06T10:00:00'))).toEqual([
      { registrationId: 'HC-1', slot: '2025-01-06', week: '2025-W02', language: 'vi', clientToken: 'happy-call-HC-1-2025-01-06' },
    ]);
  });

  it('never calls before 09:00 Seoul time even when the citizen allowed 08:00', () => {
    expect(dueCalls([registered()], seoul('2025-01-06T08:30:00'))).toEqual([]);
    expect(notDueReason(registered(), seoul('2025-01-06T08:59:00'))).toBe('outside the time window');
  });

  it('never calls at or after 20:00 Seoul time', () => {
    const evening = registerHappyCall({ ...input, schedule: { ...input.schedule, window: { start: '18:00', end: '22:00' } } }, seoul('2025-01-02T10:00:00'));
    expect(dueCalls([evening], seoul('2025-01-06T19:59:00'))).toHaveLength(1);
    expect(dueCalls([evening], seoul('2025-01-06T20:00:00'))).toEqual([]);
  });

  it('uses Seoul time, not UTC, for the weekday (Monday 01:00 UTC is Monday 10:00 in Seoul)', () => {
    expect(seoulTime(new Date('2025-01-05T16:00:00Z'))).toMatchObject({ day: '2025-01-06', weekday: 1, minuteOfDay: 60 });
  });

  it('is not due on a day the citizen did not choose', () => {
    expect(notDueReason(registered(), seoul('2025-01-07T10:00:00'))).toBe('not a preferred day');
  });

  it('never calls twice in the same slot', () => {
    const once = claim(registered(), seoul('2025-01-06T10:00:00'));
    expect(dueCalls([once], seoul('2025-01-06T11:00:00'))).toEqual([]);
  });

  it('stops at the weekly count: twice a week means the third preferred day is skipped', () => {
    let r = claim(registered(), seoul('2025-01-06T10:00:00'));
    r = claim(r, seoul('2025-01-08T10:00:00'));
    expect(notDueReason(r, seoul('2025-01-10T10:00:00'))).toBe('weekly calls already made');
    expect(dueCalls([r], seoul('2025-01-13T10:00:00'))).toHaveLength(1);
  });

  it('honours an opt-out immediately', () => {
    const out = optOutHappyCall(registered(), { at: seoul('2025-01-06T09:30:00'), source: 'sms' });
    expect(dueCalls([out], seoul('2025-01-06T10:00:00'))).toEqual([]);
    expect(out.optedOut).toEqual({ at: seoul('2025-01-06T09:30:00').toISOString(), source: 'sms' });
  });

  it('never calls before consent was given', () => {
    const r = { ...registered(), consent: { ...input.consent!, givenAt: '2025-02-01T00:00:00.000Z' } };
    expect(notDueReason(r, seoul('2025-01-06T10:00:00'))).toBe('no consent');
  });
});

describe('happy-call outcomes', () => {
  it('records answered and no_answer on the slot', () => {
    const r = claim(registered(), seoul('2025-01-06T10:00:00'));
    const answered = recordHappyCallOutcome(r, { slot: '2025-01-06', outcome: 'answered', at: seoul('2025-01-06T10:02:00') });
    expect(answered.attempts['2025-01-06']?.outcome).toBe('answered');
    const late = recordHappyCallOutcome(answered, { slot: '2025-01-06', outcome: 'no_answer', at: seoul('2025-01-06T10:05:00') });
    expect(late.attempts['2025-01-06']?.outcome).toBe('answered');
  });

  it('turns an opt-out pressed during the call into an opted-out registration', () => {
    const r = claim(registered(), seoul('2025-01-06T10:00:00'));
    const out = recordHappyCallOutcome(r, { slot: '2025-01-06', outcome: 'opted_out', at: seoul('2025-01-06T10:01:00') });
    expect(out.status).toBe('opted_out');
    expect(out.optedOut?.source).toBe('happy-call');
  });
});
