import * as z from './zod-mini.ts';

/** The REST routes of the reservations API: served by its handler, declared by its CDK construct. */
export const RESERVATION_ROUTES = [
  'GET /reservations/slots',
  'GET /reservations',
  'POST /reservations',
  'GET /reservations/scheduled-work',
  'GET /reservations/{id}',
  'POST /reservations/{id}/cancel',
  'POST /reservations/{id}/no-show',
] as const;

export const ReservationLanguageSchema = z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);
export type ReservationLanguage = z.infer<typeof ReservationLanguageSchema>;

/** How the counsellor reaches the citizen at the reserved time. */
export const ContactPreferenceSchema = z.enum(['chat', 'sms', 'video']);
export type ContactPreference = z.infer<typeof ContactPreferenceSchema>;

export const ReservationCitizenInputSchema = z.union([
  z.strictObject({ chatAccountId: z.string().check(z.trim(), z.minLength(1), z.maxLength(256)) }),
  z.strictObject({ phone: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)) }),
]);
export type ReservationCitizenInput = z.infer<typeof ReservationCitizenInputSchema>;

const SLOT_ID = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

/** POST /reservations. */
export const BookReservationBodySchema = z.strictObject({
  /** Client-chosen idempotency key: the same key for the same citizen is the same reservation. */
  requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 URL-safe characters')),
  citizen: ReservationCitizenInputSchema,
  /** KST local start, YYYY-MM-DDTHH:mm, as listed by GET /reservations/slots. */
  slot: z.string().check(z.regex(SLOT_ID, 'slot must be YYYY-MM-DDTHH:mm (KST)')),
  contactPreference: ContactPreferenceSchema,
  language: z._default(ReservationLanguageSchema, 'ko'),
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export type BookReservationBody = z.infer<typeof BookReservationBodySchema>;

/** POST /reservations/{id}/cancel and /no-show. */
export const ReservationActionBodySchema = z.strictObject({
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  counselor: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

const DAY = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a KST date YYYY-MM-DD'));

/** GET /reservations/slots?from=&to= (KST dates, inclusive). */
export const SlotQuerySchema = z.object({ from: DAY, to: z.optional(DAY) });

const WORK_ID = z.string().check(z.minLength(1), z.maxLength(64));

/** The Scheduler target's payload (reservation-task Lambda). */
export const ReservationWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reminder'), reservationId: WORK_ID, workId: WORK_ID }),
  z.object({ kind: z.literal('start-task'), reservationId: WORK_ID, workId: WORK_ID }),
  z.object({ kind: z.literal('sweep') }),
]);
export type ReservationWork = z.infer<typeof ReservationWorkSchema>;
