import { SelfServiceRefSchema } from './self-service.ts';
import * as z from './zod-mini.ts';

/** Client-chosen id of a message: the same id on a resend is the same message (dedupe). */
export const ClientMessageIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientMessageId must be 8-64 URL-safe characters'));

/** {action:'sendMessage', clientMessageId, text}: one citizen message. */
export const SendMessageFrameSchema = z.strictObject({
  action: z.literal('sendMessage'),
  clientMessageId: ClientMessageIdSchema,
  text: z.string(),
  /** Sent from a self-service answer ("this did not help"): the case, and the page's visit id. */
  selfService: z.optional(SelfServiceRefSchema),
});
export type SendMessageFrame = z.infer<typeof SendMessageFrameSchema>;

/** {action:'sync'}: sent after (re)connecting; the server pushes replies that waited. */
export const SyncFrameSchema = z.strictObject({ action: z.literal('sync') });

/** Every frame carries an action: the API's route selection expression is $request.body.action. */
export const FrameEnvelopeSchema = z.looseObject({ action: z.string() });

export type ServerFrame =
  | { type: 'ack'; clientMessageId: string; receiptNo: string; duplicate?: boolean }
  | { type: 'reply'; replyId: string; text: string; receiptNo?: string; at: string }
  | { type: 'error'; code: ChatErrorCode; message: string; clientMessageId?: string; retryAfterMs?: number }
  | { type: 'synced'; delivered: number };

/** `token_revoked`: sent just before the server closes a connection whose token was revoked. */
export type ChatErrorCode = 'malformed_json' | 'unknown_action' | 'invalid_frame' | 'too_long' | 'empty_text' | 'rate_limited' | 'internal' | 'token_revoked';
