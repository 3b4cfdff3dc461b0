import { kstDaysBetween } from '../kst.ts';
import type { ReservationDeps } from './deps.ts';
import type { SlotAvailability } from './model.ts';
import { InvalidSlotError, bookingWindowProblem, slotsBetween } from './slot-schedule.ts';

/** A listing covers at most this many days, so one request stays a handful of queries. */
export const MAX_LISTING_DAYS = 31;

/**
 * Slots of the KST days from..to (inclusive) that can still be booked now and have a free
 * seat, with their counts. Counters are read with one query per month the range touches.
 */
export async function listAvailableSlots(deps: Pick<ReservationDeps, 'repository' | 'schedule' | 'clock'>, from: string, to: string = from): Promise<SlotAvailability[]> {
  if (Number.isNaN(Date.parse(`${from}T00:00:00Z`)) || Number.isNaN(Date.parse(`${to}T00:00:00Z`))) throw new InvalidSlotError('from and to must be dates');
  if (to < from) throw new InvalidSlotError('to must not be before from');
  if (kstDaysBetween(from, to).length > MAX_LISTING_DAYS) throw new InvalidSlotError(`at most ${MAX_LISTING_DAYS} days per listing`);
  const now = deps.clock.now();
  const slots = slotsBetween(deps.schedule, from, to).filter((slot) => bookingWindowProblem(deps.schedule, slot, now) === null);
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (!first || !last) return [];
  const counters = new Map((await deps.repository.listCounters(first.slotId, last.slotId)).map((c) => [c.slotId, c.bookedCount]));
  return slots
    .map((slot) => {
      const booked = counters.get(slot.slotId) ?? 0;
      return { ...slot, booked, available: Math.max(slot.capacity - booked, 0) };
    })
    .filter((slot) => slot.available > 0);
}

