import * as z from 'zod';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The counselling timetable, in Korea Standard Time (Asia/Seoul has no daylight saving, so
 * a fixed UTC+9 is exact). Set per stage as JSON (RESERVATION_SCHEDULE); every field has a default.
 */
export const SlotScheduleSchema = z
  .object({
    /** ISO weekdays the centre takes reservations: 1 = Monday ... 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    /** First slot starts at `opens`; the last one ends at or before `closes` (HH:mm KST). */
    opens: z.string().regex(TIME, 'opens must be HH:mm').default('09:00'),
    closes: z.string().regex(TIME, 'closes must be HH:mm').default('18:00'),
    slotMinutes: z.number().int().min(5).max(240).default(30),
    /** Sign-language counsellors available per slot. */
    defaultCapacity: z.number().int().min(0).max(100).default(2),
    /** Per KST date (YYYY-MM-DD): counsellors for that day; 0 closes it (public holidays). */
    capacityByDate: z.record(z.string().regex(DAY, 'capacityByDate keys must be YYYY-MM-DD'), z.number().int().min(0).max(100)).default({}),
    /** A slot can be booked until this many minutes before it starts. */
    minLeadMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
    /** How far ahead slots are offered. */
    horizonDays: z.number().int().min(1).max(366).default(60),
  })
  .refine((s) => s.opens < s.closes, { message: 'opens must be before closes' });

export type SlotSchedule = z.infer<typeof SlotScheduleSchema>;
export type SlotScheduleInput = z.input<typeof SlotScheduleSchema>;

export const DEFAULT_SLOT_SCHEDULE: SlotSchedule = SlotScheduleSchema.parse({});
