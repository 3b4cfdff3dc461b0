import * as z from './zod-mini.ts';

/** Where relays post: the route in the SMS webhook API and in the local gateway. */
export const MO_WEBHOOK_PATH = '/sms/mo';

/**
 * One mobile-originated (MO) SMS as a Korean MO aggregator or relay posts it to the gateway's
 * provider-neutral webhook (docs/channels/sms.md, "Korean two-way SMS and the MO webhook").
 * The body is signed (X-Gateway-Signature); fields beyond these are accepted and ignored, so a
 * relay may send its own extras.
 */
export const MoWebhookMessageSchema = z.looseObject({
  /** The relay's id of this MO message: unique per message, the same on every retry (the dedupe key). */
  messageId: z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\x21-\x7e]+$/, 'messageId must be printable ASCII without spaces')),
  /** The citizen's number, E.164 (+8210…) or Korean national format (010-…). */
  from: z.string().check(z.minLength(1), z.maxLength(32)),
  /** The city's number the citizen wrote to. */
  to: z.string().check(z.minLength(1), z.maxLength(32)),
  /** Exactly what the citizen wrote (UTF-8; the relay converts from EUC-KR). */
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  /** When the relay received the message, ISO-8601 with an offset. */
  timestamp: z.iso.datetime({ offset: true }),
});

export type MoWebhookMessage = z.infer<typeof MoWebhookMessageSchema>;
