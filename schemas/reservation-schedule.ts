import * as z from './zod-mini.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const intBetween = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

// Strict: a misspelt field (`slotMinute`) fails the stage config and the environment parse.
const slotSchedule = z
  .strictObject({
    /** ISO weekdays the centre takes reservations: 1 = Monday ... 7 = Sunday. */
    weekdays: z._default(z.array(intBetween(1, 7)).check(z.minLength(1)), [1, 2, 3, 4, 5]),
    /** First slot starts at `opens`; the last one ends at or before `closes` (HH:mm KST). */
    opens: z._default(z.string().check(z.regex(TIME, 'opens must be HH:mm')), '09:00'),
    closes: z._default(z.string().check(z.regex(TIME, 'closes must be HH:mm')), '18:00'),
    slotMinutes: z._default(intBetween(5, 240), 30),
    /** Sign-language counsellors available per slot. */
    defaultCapacity: z._default(intBetween(0, 100), 2),
    /** Per KST date (YYYY-MM-DD): counsellors for that day; 0 closes it (public holidays). */
    capacityByDate: z._default(z.record(z.string().check(z.regex(DAY, 'capacityByDate keys must be YYYY-MM-DD')), intBetween(0, 100)), {}),
    /** A slot can be booked until this many minutes before it starts. */
    minLeadMinutes: z._default(intBetween(0, 7 * 24 * 60), 60),
    /** How far ahead slots are offered. */
    horizonDays: z._default(intBetween(1, 366), 60),
  })
  .check(z.refine((s) => s.opens < s.closes, { message: 'opens must be before closes' }));

/**
 * The counselling timetable, in Korea Standard Time (Asia/Seoul has no daylight saving, so
 * a fixed UTC+9 is exact). Set per stage as JSON (RESERVATION_SCHEDULE); every field has a default.
 */
export const SlotScheduleSchema = slotSchedule;

export type SlotSchedule = z.infer<typeof SlotScheduleSchema>;
export type SlotScheduleInput = z.input<typeof SlotScheduleSchema>;

export const DEFAULT_SLOT_SCHEDULE: SlotSchedule = SlotScheduleSchema.parse({});
