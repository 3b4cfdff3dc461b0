import * as z from './zod-mini.ts';

const url = z.url({ protocol: /^https?$/ });
const common = {
  MessageId: z.string().check(z.minLength(1), z.maxLength(256)),
  TopicArn: z.string().check(z.minLength(1), z.maxLength(1024)),
  Message: z.string(),
  Timestamp: z.iso.datetime({ offset: true }),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().check(z.minLength(1)),
  SigningCertURL: url,
};

/** Body SNS POSTs to an HTTP/HTTPS subscriber for a published message. */
export const SnsNotificationSchema = z.looseObject({
  Type: z.literal('Notification'),
  ...common,
  Subject: z.optional(z.string()),
  UnsubscribeURL: z.optional(url),
});

/** Sent once after Subscribe; confirmed by visiting SubscribeURL (or ConfirmSubscription with Token). */
export const SnsSubscriptionConfirmationSchema = z.looseObject({
  Type: z.literal('SubscriptionConfirmation'),
  ...common,
  SubscribeURL: url,
  Token: z.string().check(z.minLength(1)),
});

export const SnsUnsubscribeConfirmationSchema = z.looseObject({
  Type: z.literal('UnsubscribeConfirmation'),
  ...common,
  SubscribeURL: url,
  Token: z.string().check(z.minLength(1)),
});

/** The JSON document SNS delivers to HTTP/HTTPS endpoints, by `Type`. */
export const SnsHttpMessageSchema = z.discriminatedUnion('Type', [
  SnsNotificationSchema,
  SnsSubscriptionConfirmationSchema,
  SnsUnsubscribeConfirmationSchema,
]);

export type SnsNotification = z.infer<typeof SnsNotificationSchema>;
export type SnsSubscriptionConfirmation = z.infer<typeof SnsSubscriptionConfirmationSchema>;
export type SnsUnsubscribeConfirmation = z.infer<typeof SnsUnsubscribeConfirmationSchema>;
export type SnsHttpMessage = z.infer<typeof SnsHttpMessageSchema>;

/**
 * The `Sns` object of an SNS -> Lambda event record. Lambda spells the URLs
 * `SigningCertUrl` / `UnsubscribeUrl`, unlike the HTTP body's `...URL`.
 */
export const SnsLambdaMessageSchema = z.looseObject({
  Type: z.literal('Notification'),
  MessageId: z.string().check(z.minLength(1), z.maxLength(256)),
  TopicArn: z.string().check(z.minLength(1), z.maxLength(1024)),
  Subject: z.optional(z.nullable(z.string())),
  Message: z.string(),
  Timestamp: z.iso.datetime({ offset: true }),
  SignatureVersion: z.string(),
  Signature: z.string(),
  SigningCertUrl: z.string(),
  UnsubscribeUrl: z.optional(z.string()),
  MessageAttributes: z._default(z.record(z.string(), z.object({ Type: z.string(), Value: z.string() })), {}),
});

export const SnsLambdaRecordSchema = z.looseObject({
  EventSource: z.literal('aws:sns'),
  EventVersion: z.string(),
  EventSubscriptionArn: z.string(),
  Sns: SnsLambdaMessageSchema,
});

export const SnsLambdaEventSchema = z.object({ Records: z.array(SnsLambdaRecordSchema).check(z.minLength(1)) });

export type SnsLambdaMessage = z.infer<typeof SnsLambdaMessageSchema>;
export type SnsLambdaRecord = z.infer<typeof SnsLambdaRecordSchema>;
export type SnsLambdaEvent = z.infer<typeof SnsLambdaEventSchema>;
