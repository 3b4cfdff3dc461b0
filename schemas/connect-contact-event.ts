import * as z from './zod-mini.ts';

/**
 * Amazon Connect contact events delivered by EventBridge (detail-type "Amazon Connect Contact
 * Event", source "aws.connect"). The documentation's samples disagree on key casing (AgentInfo vs
 * agentInfo, AgentArn vs agentArn, instanceARN vs instanceArn), so keys of the detail and its
 * nested info objects are normalised to lower camel case before validation. Unknown fields and
 * event types are kept: Connect adds them over time.
 */
function lowerFirst(key: string): string {
  return key.length > 0 ? key[0]!.toLowerCase() + key.slice(1) : key;
}

function normaliseKeys(value: unknown, depth: number): unknown {
  if (depth < 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const normalised = key === 'instanceARN' || key === 'InstanceARN' ? 'instanceArn' : lowerFirst(key);
    out[normalised] = normaliseKeys(inner, depth - 1);
  }
  return out;
}

const Timestamp = z.string().check(z.minLength(1));

export const ContactEventAgentInfoSchema = z.looseObject({
  agentArn: z.optional(z.string()),
  routingProfileArn: z.optional(z.string()),
  connectedToAgentTimestamp: z.optional(Timestamp),
  afterContactWorkStartTimestamp: z.optional(Timestamp),
  afterContactWorkEndTimestamp: z.optional(Timestamp),
  afterContactWorkDuration: z.optional(z.number()),
});

export const ContactEventQueueInfoSchema = z.looseObject({
  queueArn: z.optional(z.string()),
  queueType: z.optional(z.string()),
  enqueueTimestamp: z.optional(Timestamp),
});

export const ContactEventDetailSchema = z.looseObject({
  /** INITIATED, CONNECTED_TO_SYSTEM, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, COMPLETED, CONTACT_DATA_UPDATED, ... */
  eventType: z.string().check(z.minLength(1)),
  contactId: z.string().check(z.minLength(1), z.maxLength(256)),
  initialContactId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  previousContactId: z.optional(z.string()),
  channel: z.optional(z.string()),
  instanceArn: z.optional(z.string()),
  initiationMethod: z.optional(z.string()),
  initiationTimestamp: z.optional(Timestamp),
  connectedToSystemTimestamp: z.optional(Timestamp),
  disconnectTimestamp: z.optional(Timestamp),
  disconnectReason: z.optional(z.string()),
  queueInfo: z.optional(ContactEventQueueInfoSchema),
  agentInfo: z.optional(ContactEventAgentInfoSchema),
});

export const ConnectContactEventSchema = z.looseObject({
  'detail-type': z.literal('Amazon Connect Contact Event'),
  source: z.literal('aws.connect'),
  id: z.string().check(z.minLength(1)),
  time: Timestamp,
  detail: z.pipe(z.transform((value: unknown) => normaliseKeys(value, 2)), ContactEventDetailSchema),
});

export type ConnectContactEvent = z.infer<typeof ConnectContactEventSchema>;
export type ContactEventDetail = z.infer<typeof ContactEventDetailSchema>;
