import * as z from './zod-mini.ts';

const base64url = (bytes: number, what: string) =>
  z.string().check(
    z.regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`),
    z.refine((value) => Buffer.from(value, 'base64url').length === bytes, `${what} must be ${bytes} bytes`),
  );

/** PushSubscription.toJSON() as the browser gives it (W3C Push API); p256dh and auth per RFC 8291 §3. */
export const PushSubscriptionSchema = z.object({
  endpoint: z.string().check(z.minLength(1, 'endpoint is required'), z.maxLength(2048, 'endpoint is at most 2048 characters')),
  keys: z.object({ p256dh: base64url(65, 'keys.p256dh'), auth: base64url(16, 'keys.auth') }),
  expirationTime: z.optional(z.nullable(z.number())),
});

/** POST /chat/push/subscriptions. */
export const ChatPushSubscribeBodySchema = z.strictObject({ subscription: PushSubscriptionSchema });

/** DELETE /chat/push/subscriptions. */
export const ChatPushUnsubscribeBodySchema = z.strictObject({
  endpoint: z.string().check(z.minLength(1, 'endpoint is required'), z.maxLength(2048, 'endpoint is at most 2048 characters')),
});
