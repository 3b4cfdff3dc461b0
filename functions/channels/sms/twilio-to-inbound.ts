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
 * Twilio's reserved keywords on long codes: Twilio answers them and keeps its own block list
 * whether or not Advanced Opt-Out is on (single-word, case-insensitive), but reports `OptOutType`
 * only with Advanced Opt-Out. Twilio, "Twilio support for opt-out keywords (SMS STOP filtering)".
 */
const TWILIO_DEFAULT_KEYWORDS: ReadonlySet<string> = new Set([
  'STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT',
  'START', 'YES', 'UNSTOP',
  'HELP', 'INFO',
]);

/** The keyword Twilio acted on: its Advanced Opt-Out report, else a default keyword it always handles. */
export function twilioKeyword(params: TwilioSmsWebhook): string | undefined {
  if (params.OptOutType !== undefined) return params.OptOutType;
  const word = params.Body.trim().toUpperCase();
  return TWILIO_DEFAULT_KEYWORDS.has(word) ? word : undefined;
}

/**
 * Twilio's webhook carries no receive time, so the edge passes its own clock reading.
 * Body is copied untouched: no trimming or normalisation, so Hangul and emoji survive byte for byte.
 */
export function twilioToInbound(params: TwilioSmsWebhook, receivedAt: Date): InboundMessage {
  const keyword = twilioKeyword(params);
  return {
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: params.MessageSid,
    citizenHandle: params.From,
    citizenHandleKind: 'phone',
    recipient: params.To,
    text: params.Body,
    media: twilioMedia(params),
    ...(keyword !== undefined ? { providerKeyword: keyword } : {}),
    receivedAt: receivedAt.toISOString(),
  };
}
