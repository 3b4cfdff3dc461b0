import { randomBytes } from 'node:crypto';
import { computeTwilioSignature } from '../functions/channels/sms/twilio-signature.ts';

export interface SimulatedSms {
  from: string;
  to?: string;
  body: string;
  media?: Array<{ url: string; contentType: string }>;
  messageSid?: string;
}

/** A fresh Twilio-shaped message SID (SM + 32 hex), as Twilio assigns one per message. */
export function newMessageSid(prefix: 'SM' | 'MM' = 'SM'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** Form parameters Twilio posts for an incoming SMS/MMS. */
export function twilioParams(sms: SimulatedSms, accountSid: string): Record<string, string> {
  const media = sms.media ?? [];
  const params: Record<string, string> = {
    MessageSid: sms.messageSid ?? newMessageSid(media.length > 0 ? 'MM' : 'SM'),
    AccountSid: accountSid,
    From: sms.from,
    To: sms.to ?? '+8215880120',
    Body: sms.body,
    NumMedia: String(media.length),
    ApiVersion: '2010-04-01',
  };
  media.forEach((item, index) => {
    params[`MediaUrl${index}`] = item.url;
    params[`MediaContentType${index}`] = item.contentType;
  });
  return params;
}

/**
 * Posts a message to the gateway exactly as Twilio would: form-encoded, signed with the
 * auth token over the public URL. Used by `npm run sms`, the end-to-end tests and the benchmark.
 */
export async function postTwilioSms(options: {
  gatewayUrl: string;
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
  sms: SimulatedSms;
  tamper?: boolean;
  /** How to POST; defaults to fetch. The benchmark passes a keep-alive node:http poster. */
  post?: (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; body: string }>;
}): Promise<{ status: number; body: string; params: Record<string, string> }> {
  const params = twilioParams(options.sms, options.accountSid);
  const signature = computeTwilioSignature(options.authToken, `${options.publicBaseUrl}/sms/twilio`, params);
  const sent = options.tamper ? { ...params, Body: `${params.Body}!` } : params;
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature };
  const body = new URLSearchParams(sent).toString();
  if (options.post) return { ...(await options.post(`${options.gatewayUrl}/sms/twilio`, headers, body)), params };
  const response = await fetch(`${options.gatewayUrl}/sms/twilio`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text(), params };
}
