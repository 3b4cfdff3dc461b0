import * as z from 'zod';

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
  ARN: z.string().optional(),
  Name: z.string().optional(),
  OutboundCallerId: z.unknown().optional(),
});

export const ConnectChannelSchema = z.enum(['VOICE', 'CHAT', 'TASK', 'EMAIL']);
export const ConnectInitiationMethodSchema = z.string().min(1);

export const ConnectContactDataSchema = z.looseObject({
  Attributes: z.record(z.string(), z.string()).default({}),
  Channel: ConnectChannelSchema,
  ContactId: z.string().min(1).max(256),
  /** Null for withheld numbers and for some chat and task contacts. */
  CustomerEndpoint: ConnectEndpointSchema.nullable().optional(),
  InitialContactId: z.string().min(1).max(256),
  /** INBOUND, OUTBOUND, TRANSFER, CALLBACK, API, QUEUE_TRANSFER, DISCONNECT, ... */
  InitiationMethod: ConnectInitiationMethodSchema,
  InstanceARN: z.string().min(1),
  PreviousContactId: z.string().optional(),
  /** Null until a working queue is set. */
  Queue: ConnectQueueSchema.nullable().optional(),
  SystemEndpoint: ConnectEndpointSchema.nullable().optional(),
  MediaStreams: z.unknown().optional(),
  /** Contact language (e.g. ko-KR) when the flow or API set one. */
  LanguageCode: z.string().optional(),
});

export const ConnectContactFlowEventSchema = z.looseObject({
  Name: z.literal('ContactFlowEvent'),
  Details: z.looseObject({
    ContactData: ConnectContactDataSchema,
    /** Function input parameters from the flow block; often empty. */
    Parameters: z.record(z.string(), z.string()).default({}),
  }),
});

export type ConnectContactFlowEvent = z.infer<typeof ConnectContactFlowEventSchema>;
export type ConnectContactData = z.infer<typeof ConnectContactDataSchema>;
