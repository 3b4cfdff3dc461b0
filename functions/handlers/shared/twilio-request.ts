import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { FormBodyError, parseFormBody } from '../../channels/sms/form-body.ts';
import { TWILIO_SIGNATURE_HEADER, validateTwilioSignature } from '../../channels/sms/twilio-signature.ts';
import type { Log } from '../../core/ports/runtime.ts';
import { header, problem } from './http.ts';

export type VerifiedTwilioRequest = { ok: true; params: Record<string, string>; accountSid: string } | { ok: false; response: APIGatewayProxyResult };

/**
 * The first thing every Twilio webhook does, before any other work: read the form and check
 * X-Twilio-Signature over `url` (the URL Twilio requested). 403 without a valid signature, 400
 * for a form that cannot be read (then nothing can be verified, so nothing is trusted).
 */
export async function verifyTwilioRequest(
  event: APIGatewayProxyEvent,
  deps: { log: Log; twilioCredentials(): Promise<{ accountSid: string; authToken: string }> },
  /** The URL Twilio requested, or every spelling it may have signed (see twilio-signed-url.ts). */
  url: string | readonly string[],
): Promise<VerifiedTwilioRequest> {
  const signature = header(event, TWILIO_SIGNATURE_HEADER);
  if (!signature) return { ok: false, response: problem(403, 'missing X-Twilio-Signature') };
  let params: Record<string, string>;
  try {
    params = parseFormBody(event.body, { isBase64Encoded: event.isBase64Encoded });
  } catch (error) {
    if (error instanceof FormBodyError) return { ok: false, response: problem(400, `malformed form body: ${error.message}`) };
    throw error;
  }
  const { accountSid, authToken } = await deps.twilioCredentials();
  if (!validateTwilioSignature({ authToken, url, params, signature })) {
    deps.log.warn('twilio signature rejected', { path: event.path });
    return { ok: false, response: problem(403, 'invalid X-Twilio-Signature') };
  }
  return { ok: true, params, accountSid };
}
