import { randomUUID } from 'node:crypto';
import { MO_SIGNATURE_HEADER, signMoWebhook } from '../functions/channels/sms/mo-webhook-signature.ts';
import { MO_WEBHOOK_PATH } from '../schemas/sms-mo-webhook.ts';

export interface SimulatedMo {
  from: string;
  to?: string;
  text: string;
  /** The relay's message id; a fresh one per message unless a retry is simulated. */
  messageId?: string;
  /** When the relay received it; now by default. */
  timestamp?: Date;
}

/**
 * Posts one MO SMS as a Korean MO relay would under the documented contract: JSON body, signed
 * `X-Gateway-Signature: t=<unix>,v1=<HMAC-SHA256 hex over "t.body">`. Used by `npm run sms:mo`
 * and the end-to-end tests.
 */
export async function postMoSms(options: { gatewayUrl: string; secret: string; mo: SimulatedMo; signedAt?: Date }): Promise<{ status: number; body: string; messageId: string }> {
  const messageId = options.mo.messageId ?? `local-mo-${randomUUID()}`;
  const body = JSON.stringify({
    messageId,
    from: options.mo.from,
    to: options.mo.to ?? '1666-0120',
    text: options.mo.text,
    timestamp: (options.mo.timestamp ?? new Date()).toISOString(),
  });
  const response = await fetch(`${options.gatewayUrl}${MO_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [MO_SIGNATURE_HEADER]: signMoWebhook(options.secret, body, options.signedAt ?? new Date()) },
    body,
  });
  return { status: response.status, body: await response.text(), messageId };
}
