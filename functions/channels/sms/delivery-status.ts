import type { ProviderDeliveryStatus } from '../../core/model.ts';

/**
 * Twilio's message status -> the report we record; null for statuses that say nothing about an
 * outbound message's delivery (receiving/received are inbound). `read` is past delivered;
 * `canceled` (a scheduled message that was never sent) counts as failed; `partially_delivered`
 * (some MMS parts) as undelivered. https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
 */
export function twilioDeliveryStatus(status: string): ProviderDeliveryStatus | null {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
      return 'queued';
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
    case 'partially_delivered':
      return 'undelivered';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return null;
  }
}

const EUM_NOT_DELIVERED = new Set([
  'TEXT_BLOCKED',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_PROTECT_BLOCKED',
  'TEXT_SPAM',
  'TEXT_TTL_EXPIRED',
  'TEXT_UNKNOWN',
  'TEXT_UNREACHABLE',
]);

/**
 * End User Messaging SMS event type -> the report we record; null for other events (voice, MMS,
 * registrations). TEXT_SUCCESSFUL means the carrier accepted it; the service notes that depending
 * on the country TEXT_SUCCESSFUL and TEXT_DELIVERED are used interchangeably, so a final
 * TEXT_SUCCESSFUL counts as delivered. TEXT_UNKNOWN (no final carrier event within 72 hours) is
 * recorded as undelivered with its code: the counselor decides whether to send again.
 * https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-types.html
 */
export function eumDeliveryStatus(eventType: string, isFinal: boolean): ProviderDeliveryStatus | null {
  if (eventType === 'TEXT_QUEUED' || eventType === 'TEXT_PENDING') return 'queued';
  if (eventType === 'TEXT_SENT') return 'sent';
  if (eventType === 'TEXT_SUCCESSFUL') return isFinal ? 'delivered' : 'sent';
  if (eventType === 'TEXT_DELIVERED') return 'delivered';
  if (EUM_NOT_DELIVERED.has(eventType)) return 'undelivered';
  return null;
}
