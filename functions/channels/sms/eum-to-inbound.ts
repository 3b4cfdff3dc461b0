import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { parseEumInboundSms, type EumInboundSms } from '../../../schemas/aws-eum-sms.ts';

/** End User Messaging SMS has no MMS in two-way messaging, so media is always empty. */
export function eumToInbound(message: EumInboundSms, receivedAt: Date): InboundMessage {
  return {
    channel: 'sms',
    provider: 'aws-eum',
    providerMessageId: message.inboundMessageId,
    citizenHandle: message.originationNumber,
    citizenHandleKind: 'phone',
    recipient: message.destinationNumber,
    text: message.messageBody,
    media: [],
    ...(message.previousPublishedMessageId ? { conversationRef: message.previousPublishedMessageId } : {}),
    receivedAt: receivedAt.toISOString(),
  };
}

/** The SNS publish time is the closest thing to a receive time the service gives. */
export function receivedAtFromSns(timestamp: string | undefined, fallback: Date): Date {
  if (timestamp === undefined) return fallback;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? fallback : new Date(ms);
}

export type EumSnsMapping = { ok: true; inbound: InboundMessage } | { ok: false; reason: string };

/**
 * From an SNS envelope (Lambda record `Sns` or verified HTTPS body) to the canonical message.
 * `now` is used only when SNS gave no usable Timestamp.
 */
export function inboundFromEumSns(sns: { Message: string; Timestamp?: string }, now: Date): EumSnsMapping {
  const parsed = parseEumInboundSms(sns.Message);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  return { ok: true, inbound: eumToInbound(parsed.message, receivedAtFromSns(sns.Timestamp, now)) };
}
