import type { SlotSchedule } from '../../../schemas/reservation-schedule.ts';
import { kstDay, kstDayStart, kstDaysBetween } from '../kst.ts';
import type { Slot } from './model.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SLOT_ID = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** Refused slot requests; `message` is safe to show the caller. */
export class InvalidSlotError extends Error {
  override readonly name = 'InvalidSlotError';
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO weekday (1 = Monday) of a KST date. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function capacityOn(schedule: SlotSchedule, day: string): number {
  const override = schedule.capacityByDate[day];
  if (override !== undefined) return override;
  return schedule.weekdays.includes(isoWeekday(day)) ? schedule.defaultCapacity : 0;
}

/** Start minutes (after KST midnight) of every slot of an open day. */
function slotStarts(schedule: SlotSchedule): number[] {
  const starts: number[] = [];
  const close = minutesOf(schedule.closes);
  for (let t = minutesOf(schedule.opens); t + schedule.slotMinutes <= close; t += schedule.slotMinutes) starts.push(t);
  return starts;
}

function slotAt(schedule: SlotSchedule, day: string, startMinute: number, capacity: number): Slot {
  const startsAt = new Date(kstDayStart(day).getTime() + startMinute * MINUTE_MS);
  const time = hhmm(startMinute);
  return {
    slotId: `${day}T${time}`,
    date: day,
    time,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + schedule.slotMinutes * MINUTE_MS).toISOString(),
    capacity,
  };
}

/** Every slot of the KST days `from`..`to` (inclusive) with capacity, in time order. */
export function slotsBetween(schedule: SlotSchedule, from: string, to: string): Slot[] {
  const slots: Slot[] = [];
  for (const day of kstDaysBetween(from, to)) {
    const capacity = capacityOn(schedule, day);
    if (capacity <= 0) continue;
    for (const start of slotStarts(schedule)) slots.push(slotAt(schedule, day, start, capacity));
  }
  return slots;
}

/** The slot a KST `YYYY-MM-DDTHH:mm` names, or an InvalidSlotError saying why it is not one. */
export function slotById(schedule: SlotSchedule, slotId: string): Slot {
  const match = SLOT_ID.exec(slotId);
  if (!match) throw new InvalidSlotError('slot must be YYYY-MM-DDTHH:mm (KST)');
  const [, day = '', h = '', m = ''] = match;
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || kstDay(kstDayStart(day)) !== day) throw new InvalidSlotError('slot date does not exist');
  const start = Number(h) * 60 + Number(m);
  if (!slotStarts(schedule).includes(start)) throw new InvalidSlotError(`no counselling slot starts at ${h}:${m} KST`);
  const capacity = capacityOn(schedule, day);
  if (capacity <= 0) throw new InvalidSlotError(`no counselling on ${day}`);
  return slotAt(schedule, day, start, capacity);
}

/** Null when the slot can be booked at `now`; otherwise why not. */
export function bookingWindowProblem(schedule: SlotSchedule, slot: Slot, now: Date): string | null {
  const starts = Date.parse(slot.startsAt);
  if (starts - now.getTime() < schedule.minLeadMinutes * MINUTE_MS) {
    return `slots must be booked at least ${schedule.minLeadMinutes} minutes ahead`;
  }
  if (starts - now.getTime() > schedule.horizonDays * DAY_MS) return `slots can be booked at most ${schedule.horizonDays} days ahead`;
  return null;
}

/** The booking window's first and last KST days at `now`. */
export function bookableDays(schedule: SlotSchedule, now: Date): { first: string; last: string } {
  return { first: kstDay(now), last: kstDay(new Date(now.getTime() + schedule.horizonDays * DAY_MS)) };
}
