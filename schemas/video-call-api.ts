import * as z from './zod-mini.ts';

/** The citizen page's video-call routes (chat-token authenticated): served by one handler, declared by CDK. */
export const VIDEO_CALL_ROUTES = ['POST /video-calls', 'GET /video-calls/reservations'] as const;

/** POST /video-calls: start (or, with the same requestId, get again) a video call. */
export const StartVideoCallBodySchema = z.strictObject({
  /** The page's id for this attempt: a double click or a retry sends the same one and starts one call. */
  requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 URL-safe characters')),
  /** The reservation whose call this is; absent: an on-demand call. */
  reservationId: z.optional(z.string().check(z.regex(/^rsv_[0-9a-z]{24}$/, 'reservationId is not a reservation id'))),
});
export type StartVideoCallBody = z.infer<typeof StartVideoCallBodySchema>;
