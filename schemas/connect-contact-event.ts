import * as z from 'zod';

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

const Timestamp = z.string().min(1);

export const ContactEventAgentInfoSchema = z.looseObject({
  agentArn: z.string().optional(),
  routingProfileArn: z.string().optional(),
  connectedToAgentTimestamp: Timestamp.optional(),
  afterContactWorkStartTimestamp: Timestamp.optional(),
  afterContactWorkEndTimestamp: Timestamp.optional(),
  afterContactWorkDuration: z.number().optional(),
});

export const ContactEventQueueInfoSchema = z.looseObject({
  queueArn: z.string().optional(),
  queueType: z.string().optional(),
  enqueueTimestamp: Timestamp.optional(),
});

export const ContactEventDetailSchema = z.looseObject({
  /** INITIATED, CONNECTED_TO_SYSTEM, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, COMPLETED, CONTACT_DATA_UPDATED, ... */
  eventType: z.string().min(1),
  contactId: z.string().min(1).max(256),
  initialContactId: z.string().min(1).max(256).optional(),
  previousContactId: z.string().optional(),
  channel: z.string().optional(),
  instanceArn: z.string().optional(),
  initiationMethod: z.string().optional(),
  initiationTimestamp: Timestamp.optional(),
  connectedToSystemTimestamp: Timestamp.optional(),
  disconnectTimestamp: Timestamp.optional(),
  disconnectReason: z.string().optional(),
  queueInfo: ContactEventQueueInfoSchema.optional(),
  agentInfo: ContactEventAgentInfoSchema.optional(),
});

export const ConnectContactEventSchema = z.looseObject({
  'detail-type': z.literal('Amazon Connect Contact Event'),
  source: z.literal('aws.connect'),
  id: z.string().min(1),
  time: Timestamp,
  detail: z.preprocess((value) => normaliseKeys(value, 2), ContactEventDetailSchema),
});

export type ConnectContactEvent = z.infer<typeof ConnectContactEventSchema>;
export type ContactEventDetail = z.infer<typeof ContactEventDetailSchema>;
