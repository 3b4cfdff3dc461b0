import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { parseEumInboundSms, type EumInboundSms } from '../../../schemas/aws-eum-sms.ts';

/**
 * `messageKeyword` names the registered keyword a message began with; a message that began with
 * none carries the account's default, `KEYWORD_<account id>` (seen upper- and lower-case), which
 * is no keyword at all.
 */
function registeredKeyword(message: EumInboundSms): string | undefined {
  const keyword = message.messageKeyword?.trim();
  if (!keyword || /^keyword_\w+$/i.test(keyword)) return undefined;
  return keyword.slice(0, 64);
}

/** End User Messaging SMS has no MMS in two-way messaging, so media is always empty. */
export function eumToInbound(message: EumInboundSms, receivedAt: Date): InboundMessage {
  const keyword = registeredKeyword(message);
  return {
    channel: 'sms',
    provider: 'aws-eum',
    providerMessageId: message.inboundMessageId,
    citizenHandle: message.originationNumber,
    citizenHandleKind: 'phone',
    recipient: message.destinationNumber,
    text: message.messageBody,
    media: [],
    ...(keyword !== undefined ? { providerKeyword: keyword } : {}),
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
