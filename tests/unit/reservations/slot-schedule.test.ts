import { describe, expect, it } from 'vitest';
import { SlotScheduleSchema } from '../../../schemas/reservation-schedule.ts';
import { InvalidSlotError, bookingWindowProblem, capacityOn, slotById, slotsBetween } from '../../../functions/core/reservations/slot-schedule.ts';
import { workFor } from '../../../functions/core/reservations/ids.ts';
import { atExpression } from '../../../functions/adapters/scheduler/schedule-expression.ts';

const schedule = SlotScheduleSchema.parse({ capacityByDate: { '2025-03-12': 0, '2025-03-15': 1 } });

describe('slot schedule (Asia/Seoul)', () => {
  it('offers eighteen 30-minute slots from 09:00 to 18:00 KST on a weekday', () => {
    const slots = slotsBetween(schedule, '2025-03-10', '2025-03-10');
    expect(slots).toHaveLength(18);
    expect(slots[0]).toMatchObject({ slotId: '2025-03-10T09:00', startsAt: '2025-03-10T00:00:00.000Z', endsAt: '2025-03-10T00:30:00.000Z', capacity: 2 });
    expect(slots.at(-1)).toMatchObject({ slotId: '2025-03-10T17:30', endsAt: '2025-03-10T09:00:00.000Z' });
  });

  it('places a KST morning slot on the previous UTC day', () => {
    const early = SlotScheduleSchema.parse({ opens: '07:00', closes: '10:00' });
    expect(slotById(early, '2025-03-10T07:30').startsAt).toBe('2025-03-09T22:30:00.000Z');
  });

  it('has no slots on weekends, on a closed date, and uses a per-date capacity', () => {
    expect(slotsBetween(schedule, '2025-03-08', '2025-03-09')).toEqual([]);
    expect(capacityOn(schedule, '2025-03-12')).toBe(0);
    expect(slotsBetween(schedule, '2025-03-12', '2025-03-12')).toEqual([]);
    // An override opens a Saturday with one counsellor.
    expect(slotsBetween(schedule, '2025-03-15', '2025-03-15').map((s) => s.capacity)).toEqual(new Array(18).fill(1));
  });

  it('refuses slot ids off the grid, on closed days or on impossible dates', () => {
    expect(() => slotById(schedule, '2025-03-10T09:15')).toThrow(InvalidSlotError);
    expect(() => slotById(schedule, '2025-03-10T18:00')).toThrow(/no counselling slot starts at 18:00/);
    expect(() => slotById(schedule, '2025-03-09T10:00')).toThrow(/no counselling on 2025-03-09/);
    expect(() => slotById(schedule, '2025-02-30T10:00')).toThrow(/does not exist/);
    expect(() => slotById(schedule, '2025-03-10 10:00')).toThrow(/YYYY-MM-DDTHH:mm/);
  });

  it('closes booking inside the lead time and beyond the horizon', () => {
    const slot = slotById(schedule, '2025-03-10T10:00');
    expect(bookingWindowProblem(schedule, slot, new Date('2025-03-10T00:00:00.000Z'))).toBeNull();
    expect(bookingWindowProblem(schedule, slot, new Date('2025-03-10T00:30:00.000Z'))).toMatch(/60 minutes ahead/);
    expect(bookingWindowProblem(schedule, slot, new Date('2024-12-01T00:00:00.000Z'))).toMatch(/60 days ahead/);
  });

  it('refuses a schedule whose opening is not before its closing', () => {
    expect(SlotScheduleSchema.safeParse({ opens: '18:00', closes: '09:00' }).success).toBe(false);
  });
});

describe('scheduled work of a reservation', () => {
  it('plans the 24 h and 1 h reminders and the task at the start, skipping reminders already past', () => {
    const r = { reservationId: 'rsv_abc', startsAt: '2025-03-11T01:00:00.000Z' };
    expect(workFor(r, new Date('2025-03-09T00:00:00.000Z')).map((w) => [w.workId, w.kind, w.dueAt])).toEqual([
      ['rsv_abc-remind-24h', 'reminder', '2025-03-10T01:00:00.000Z'],
      ['rsv_abc-remind-1h', 'reminder', '2025-03-11T00:00:00.000Z'],
      ['rsv_abc-start', 'start-task', '2025-03-11T01:00:00.000Z'],
    ]);
    expect(workFor(r, new Date('2025-03-10T12:00:00.000Z')).map((w) => w.workId)).toEqual(['rsv_abc-remind-1h', 'rsv_abc-start']);
  });

  it('writes the Scheduler at() expression in Seoul wall-clock time', () => {
    expect(atExpression('2025-03-10T15:30:00.000Z')).toBe('at(2025-03-11T00:30:00)');
    expect(atExpression('2025-03-11T01:00:00.000Z')).toBe('at(2025-03-11T10:00:00)');
  });
});
