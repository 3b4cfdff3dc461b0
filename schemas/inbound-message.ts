import { ChannelSchema } from './channel.ts';
import { SelfServiceRefSchema } from './self-service.ts';
import * as z from './zod-mini.ts';

export { ChannelSchema, type Channel } from './channel.ts';

/** The system that delivered the contact to us; part of the dedupe key. */
/** `gateway`: contacts the gateway records itself (a sign-language reservation), not a provider's. */
/** `mo-webhook`: the signed provider-neutral MO SMS webhook a Korean aggregator or relay calls. */
/** `open311`: the gateway's own Open311 GeoReport v2 API (docs/channels/open311.md). */
export const ProviderSchema = z.enum(['twilio', 'aws-eum', 'mo-webhook', 'websocket', 'x-api', 'amazon-connect', 'gateway', 'open311']);
export type Provider = z.infer<typeof ProviderSchema>;

/**
 * Kind of citizen handle, so the pipeline knows how to normalise and protect it.
 * `anonymous-caller`: a call with a withheld number; the handle is per contact
 * (`anonymous-caller:<ContactId>`), never normalised as a phone number, never reachable.
 * `email`: an Open311 request that gave an email address and no phone number.
 * `web-anonymous`: an Open311 request that gave neither; per request (`web-anonymous:<request>`), never reachable.
 */
export const HandleKindSchema = z.enum(['phone', 'chat-account', 'x-user', 'anonymous-caller', 'email', 'web-anonymous']);
export type HandleKind = z.infer<typeof HandleKindSchema>;

/** Media the provider announced; fetched by the pipeline, never by the edge. */
export const MediaRefSchema = z.object({
  url: z.url(),
  contentType: z.string().check(z.minLength(1), z.maxLength(255)),
  /**
   * Already in our media bucket under this key (a photo sent to our own Open311 upload
   * endpoint): the pipeline reads it from the store instead of over HTTP.
   */
  storedKey: z.optional(z.string().check(z.regex(/^uploads\/[0-9a-z]{26}\.(jpg|png|gif)$/))),
});
export type MediaRef = z.infer<typeof MediaRefSchema>;

/**
 * An Open311 service request's own fields (the description is the message text). The contact
 * details travel in clear on the encrypted intake queue, as every channel's handle does; the
 * pipeline stores them only hashed, sealed and masked.
 */
export const ServiceReportInputSchema = z.object({
  serviceCode: z.string().check(z.minLength(1), z.maxLength(64)),
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  long: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  address: z.optional(z.string().check(z.maxLength(1000))),
  /** attribute[code]=value answers; a multivaluelist code may carry several values. */
  attributes: z._default(z.record(z.string().check(z.maxLength(64)), z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(50))), {}),
  /** Email when the phone number is the handle; names. */
  contact: z._default(
    z.object({
      email: z.optional(z.string().check(z.maxLength(254))),
      firstName: z.optional(z.string().check(z.maxLength(100))),
      lastName: z.optional(z.string().check(z.maxLength(100))),
    }),
    {},
  ),
  /** Name of the API key the request came with (the client app), never the key. */
  client: z.string().check(z.minLength(1), z.maxLength(64)),
});
export type ServiceReportInput = z.infer<typeof ServiceReportInputSchema>;

/**
 * The one canonical shape every channel adapter produces. Edge handlers enqueue it;
 * the pipeline consumes it. Ids are provider ids, kept as strings end to end.
 */
export const InboundMessageSchema = z.object({
  channel: ChannelSchema,
  provider: ProviderSchema,
  /** MessageSid, inboundMessageId, tweet id, ContactId, client message id. */
  providerMessageId: z.string().check(z.minLength(1), z.maxLength(256)),
  /** Raw handle as received (phone number in any format, account id, X user id). */
  citizenHandle: z.string().check(z.minLength(1), z.maxLength(256)),
  citizenHandleKind: HandleKindSchema,
  /** Display name when the provider gives one (X author name); personal data. */
  citizenName: z.optional(z.string().check(z.maxLength(256))),
  /** Our own address the citizen wrote to (short code, number, account). */
  recipient: z.optional(z.string().check(z.maxLength(256))),
  /** Exactly what the citizen wrote; may exceed the 1,000-character promise. */
  text: z.string().check(z.maxLength(100_000)),
  media: z._default(z.array(MediaRefSchema).check(z.maxLength(10)), []),
  /**
   * The opt-out/opt-in/help keyword the provider says it matched and acted on: Twilio's
   * `OptOutType` (STOP, START, HELP) or a default keyword Twilio handles, End User Messaging's
   * registered `messageKeyword`. Absent when the provider matched none (core/sms-keywords.ts).
   */
  providerKeyword: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** Provider-side conversation id (X conversation_id), when it has one. */
  conversationRef: z.optional(z.string().check(z.maxLength(256))),
  /**
   * The language the channel says the citizen uses (a chat account's language, X's `lang`, a
   * call's known language): settles what local detection cannot (core/language.ts resolveLanguage).
   */
  languageHint: z.optional(z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn'])),
  /** ISO-8601 instant the provider received the contact (or the edge, when it gives none). */
  receivedAt: z.iso.datetime({ offset: true }),
  /** The self-service answer the citizen came from ("this did not help"), kept on the message. */
  selfService: z.optional(SelfServiceRefSchema),
  /** Open311: what the request reports, where, and the contact details besides the handle. */
  report: z.optional(ServiceReportInputSchema),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;
export type InboundMessageInput = z.input<typeof InboundMessageSchema>;

/**
 * Work items on the gateway's queues: a new contact or a deferred translation (intake queue), or
 * a counselor reply held for its translation (reply retry queue).
 */
export const IntakeEnvelopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inbound'), message: InboundMessageSchema }),
  z.object({
    kind: z.literal('translate'),
    complaintId: z.string().check(z.minLength(1)),
    messageId: z.string().check(z.minLength(1)),
    attempt: z.number().check(z.int(), z.nonnegative()),
  }),
  z.object({
    kind: z.literal('reply'),
    complaintId: z.string().check(z.minLength(1)),
    replyId: z.string().check(z.minLength(1)),
    attempt: z.number().check(z.int(), z.positive()),
  }),
]);
export type IntakeEnvelope = z.infer<typeof IntakeEnvelopeSchema>;

export { PROMISED_TEXT_LENGTH } from './constants.ts';
