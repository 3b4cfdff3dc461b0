import * as z from './zod-mini.ts';

/**
 * The form Twilio posts to a message's StatusCallback (application/x-www-form-urlencoded): a
 * subset of the message properties plus MessageStatus and, on failure, ErrorCode. Twilio adds
 * properties without notice; they pass through (and are all part of the signed string).
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */
export const TwilioStatusCallbackSchema = z.looseObject({
  MessageSid: z.string().check(z.regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'expected a Twilio SM…/MM… message SID')),
  AccountSid: z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/, 'expected a Twilio AC… account SID')),
  // Twilio's Message status values (queued, sending, sent, delivered, undelivered, failed, read, ...).
  MessageStatus: z.string().check(z.regex(/^[a-z_]{1,32}$/, 'expected a Twilio message status')),
  ErrorCode: z.optional(z.string().check(z.regex(/^\d{0,10}$/, 'expected a Twilio error code'))),
});
export type TwilioStatusCallback = z.infer<typeof TwilioStatusCallbackSchema>;

/**
 * One End User Messaging SMS event, as an event destination publishes it (the SNS `Message`).
 * https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-format.html
 */
export const EumSmsEventSchema = z.looseObject({
  eventType: z.string().check(z.minLength(1), z.maxLength(64)),
  messageId: z.string().check(z.minLength(1), z.maxLength(128)),
  isFinal: z.optional(z.boolean()),
  messageStatus: z.optional(z.string().check(z.maxLength(64))),
  // The Context the message was sent with (SendTextMessage.Context).
  context: z.optional(z.record(z.string(), z.string())),
});
export type EumSmsEvent = z.infer<typeof EumSmsEventSchema>;
