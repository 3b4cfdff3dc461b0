import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { MoWebhookMessage } from '../../../schemas/sms-mo-webhook.ts';

/**
 * The canonical message of one MO webhook delivery. The relay's message id is the dedupe key
 * (with provider `mo-webhook`), and its receive time is the message's; plain SMS carries no media.
 */
export function moWebhookToInbound(message: MoWebhookMessage): InboundMessage {
  return {
    channel: 'sms',
    provider: 'mo-webhook',
    providerMessageId: message.messageId,
    citizenHandle: message.from,
    citizenHandleKind: 'phone',
    recipient: message.to,
    text: message.text,
    media: [],
    receivedAt: new Date(message.timestamp).toISOString(),
  };
}
