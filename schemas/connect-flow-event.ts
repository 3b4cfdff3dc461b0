import * as z from './zod-mini.ts';

/**
 * The event Amazon Connect sends to a Lambda invoked from a flow ("Invoke AWS Lambda function"
 * block), as documented in the Amazon Connect Administrator Guide. Objects are loose because
 * Connect adds fields over time (SegmentAttributes, Tags, LanguageCode, ...).
 */
export const ConnectEndpointSchema = z.looseObject({
  Address: z.string(),
  /** TELEPHONE_NUMBER for calls; other types appear for chat, email and web calling. */
  Type: z.string(),
});

export const ConnectQueueSchema = z.looseObject({
  ARN: z.optional(z.string()),
  Name: z.optional(z.string()),
  OutboundCallerId: z.optional(z.unknown()),
});

export const ConnectChannelSchema = z.enum(['VOICE', 'CHAT', 'TASK', 'EMAIL']);
export const ConnectInitiationMethodSchema = z.string().check(z.minLength(1));

export const ConnectContactDataSchema = z.looseObject({
  Attributes: z._default(z.record(z.string(), z.string()), {}),
  Channel: ConnectChannelSchema,
  ContactId: z.string().check(z.minLength(1), z.maxLength(256)),
  /** Null for withheld numbers and for some chat and task contacts. */
  CustomerEndpoint: z.optional(z.nullable(ConnectEndpointSchema)),
  InitialContactId: z.string().check(z.minLength(1), z.maxLength(256)),
  /** INBOUND, OUTBOUND, TRANSFER, CALLBACK, API, QUEUE_TRANSFER, DISCONNECT, ... */
  InitiationMethod: ConnectInitiationMethodSchema,
  InstanceARN: z.string().check(z.minLength(1)),
  PreviousContactId: z.optional(z.string()),
  /** Null until a working queue is set. */
  Queue: z.optional(z.nullable(ConnectQueueSchema)),
  SystemEndpoint: z.optional(z.nullable(ConnectEndpointSchema)),
  MediaStreams: z.optional(z.unknown()),
  /** Contact language (e.g. ko-KR) when the flow or API set one. */
  LanguageCode: z.optional(z.string()),
});

export const ConnectContactFlowEventSchema = z.looseObject({
  Name: z.literal('ContactFlowEvent'),
  Details: z.looseObject({
    ContactData: ConnectContactDataSchema,
    /** Function input parameters from the flow block; often empty. */
    Parameters: z._default(z.record(z.string(), z.string()), {}),
  }),
});

export type ConnectContactFlowEvent = z.infer<typeof ConnectContactFlowEventSchema>;
export type ConnectContactData = z.infer<typeof ConnectContactDataSchema>;
