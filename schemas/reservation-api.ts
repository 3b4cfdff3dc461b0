import * as z from 'zod';

export const ReservationLanguageSchema = z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);
export type ReservationLanguage = z.infer<typeof ReservationLanguageSchema>;

/** How the counsellor reaches the citizen at the reserved time. */
export const ContactPreferenceSchema = z.enum(['chat', 'sms', 'video']);
export type ContactPreference = z.infer<typeof ContactPreferenceSchema>;

export const ReservationCitizenInputSchema = z.union([
  z.object({ chatAccountId: z.string().trim().min(1).max(256) }).strict(),
  z.object({ phone: z.string().trim().min(1).max(64) }).strict(),
]);
export type ReservationCitizenInput = z.infer<typeof ReservationCitizenInputSchema>;

const SLOT_ID = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

/** POST /reservations. */
export const BookReservationBodySchema = z
  .object({
    /** Client-chosen idempotency key: the same key for the same citizen is the same reservation. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 URL-safe characters'),
    citizen: ReservationCitizenInputSchema,
    /** KST local start, YYYY-MM-DDTHH:mm, as listed by GET /reservations/slots. */
    slot: z.string().regex(SLOT_ID, 'slot must be YYYY-MM-DDTHH:mm (KST)'),
    contactPreference: ContactPreferenceSchema,
    language: ReservationLanguageSchema.default('ko'),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export type BookReservationBody = z.infer<typeof BookReservationBodySchema>;

/** POST /reservations/{id}/cancel and /no-show. */
export const ReservationActionBodySchema = z
  .object({
    reason: z.string().trim().min(1).max(500).optional(),
    counselor: z.string().min(1).max(128).optional(),
  })
  .strict();

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a KST date YYYY-MM-DD');

/** GET /reservations/slots?from=&to= (KST dates, inclusive). */
export const SlotQuerySchema = z.object({ from: DAY, to: DAY.optional() });

/** The Scheduler target's payload (reservation-task Lambda). */
export const ReservationWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reminder'), reservationId: z.string().min(1).max(64), workId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('start-task'), reservationId: z.string().min(1).max(64), workId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('sweep') }),
]);
export type ReservationWork = z.infer<typeof ReservationWorkSchema>;
