import type { InboundMessage, MediaRef } from '../../../schemas/inbound-message.ts';
import type { TwilioSmsWebhook } from '../../../schemas/twilio-sms.ts';

/** Media Twilio announced, in order; the schema already checked NumMedia against MediaUrlN. */
export function twilioMedia(params: TwilioSmsWebhook): MediaRef[] {
  const fields = params as Record<string, unknown>;
  const media: MediaRef[] = [];
  const count = Number(params.NumMedia);
  for (let i = 0; i < count; i += 1) {
    const url = fields[`MediaUrl${i}`];
    const contentType = fields[`MediaContentType${i}`];
    if (typeof url === 'string' && typeof contentType === 'string') media.push({ url, contentType });
  }
  return media;
}

/**
 * Twilio's webhook carries no receive time, so the edge passes its own clock reading.
 * Body is copied untouched: no trimming or normalisation, so Hangul and emoji survive byte for byte.
 */
export function twilioToInbound(params: TwilioSmsWebhook, receivedAt: Date): InboundMessage {
  return {
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: params.MessageSid,
    citizenHandle: params.From,
    citizenHandleKind: 'phone',
    recipient: params.To,
    text: params.Body,
    media: twilioMedia(params),
    receivedAt: receivedAt.toISOString(),
  };
}
