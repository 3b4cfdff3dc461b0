import * as z from './zod-mini.ts';

/**
 * One chat transcript item Amazon Connect publishes to the SNS topic named in
 * StartContactStreaming (Administrator Guide, "Use the Amazon SNS payload after enabling message
 * streaming"): the SNS Message is this JSON; the same fields are repeated as SNS message
 * attributes, plus MessageVisibility (CUSTOMER, AGENT or ALL). Type is MESSAGE, EVENT or
 * ATTACHMENT; ContentType tells text/plain or text/markdown messages from participant events.
 */
export const ConnectChatStreamItemSchema = z.looseObject({
  Id: z.string().check(z.minLength(1), z.maxLength(256)),
  Type: z.string().check(z.minLength(1)),
  ContentType: z.optional(z.string()),
  Content: z.optional(z.string()),
  AbsoluteTime: z.optional(z.string()),
  ParticipantId: z.optional(z.string()),
  DisplayName: z.optional(z.string()),
  /** AGENT, CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR. */
  ParticipantRole: z.optional(z.string()),
  ContactId: z.string().check(z.minLength(1), z.maxLength(256)),
  InitialContactId: z.optional(z.string().check(z.maxLength(256))),
});

export type ConnectChatStreamItem = z.infer<typeof ConnectChatStreamItemSchema>;
