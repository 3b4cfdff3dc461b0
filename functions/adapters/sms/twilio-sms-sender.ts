import { PROVIDER_MAX_BODY_CHARS, SmsRecipientRefusedError, type SmsSender, type SmsSendRequest } from '../../core/ports/sms-sender.ts';
import { fitSmsText, smsCharsetFor } from '../../core/sms-charset.ts';
import { PermanentSmsSendError, RetryableSmsSendError, redactPhoneNumbers } from './sms-send-errors.ts';

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  /** Our Twilio number (E.164), or a Messaging Service SID (MG...) to let Twilio pick the sender. */
  from: string;
  /** Overridden by tests and the local gateway; Twilio's REST API otherwise. */
  baseUrl?: string;
  /**
   * Where Twilio posts the delivery status of replies (the gateway's status callback route,
   * `<base>/<complaintId>/<replyId>`); without it replies are recorded sent on acceptance.
   */
  statusCallbackBaseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const PROVIDER = 'twilio';

interface TwilioErrorBody {
  code?: number;
  message?: string;
}

/** Sends through Twilio's Messages API (POST .../Accounts/{AccountSid}/Messages.json). */
export function twilioSmsSender(options: TwilioSmsSenderOptions): SmsSender {
  const baseUrl = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const endpoint = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`, 'utf8').toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetchImpl = options.fetchImpl ?? fetch;
  const fromField = /^MG[0-9a-fA-F]{32}$/.test(options.from) ? 'MessagingServiceSid' : 'From';
  const callbackBase = options.statusCallbackBaseUrl?.replace(/\/+$/, '');
  // The reply is named in the path, not the query: the signed URL then needs no query string rebuilt.
  const statusCallbackFor = (request: SmsSendRequest): string | undefined =>
    callbackBase && request.replyRef ? `${callbackBase}/${encodeURIComponent(request.replyRef.complaintId)}/${encodeURIComponent(request.replyRef.replyId)}` : undefined;

  return {
    name: PROVIDER,
    maxBodyUnits: PROVIDER_MAX_BODY_CHARS,
    charsetFor: (to) => smsCharsetFor(PROVIDER, to),
    async send(request: SmsSendRequest) {
      // Last line of defence for every message (codes and notices too; replies arrive fitted already):
      // South Korean operators take only EUC-KR, anything else reaches the handset as garbage.
      const charset = smsCharsetFor(PROVIDER, request.to);
      const fittedBody = charset === 'unicode' ? request.body : fitSmsText({ text: request.body, language: 'und' }, charset).text;
      const form = new URLSearchParams({ To: request.to, [fromField]: options.from, Body: fittedBody });
      const callback = statusCallbackFor(request);
      if (callback) form.set('StatusCallback', callback);
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // The request may or may not have reached Twilio; the caller's idempotency key decides.
        throw new RetryableSmsSendError(`Twilio request failed: ${error instanceof Error ? error.name : 'unknown error'}`, { provider: PROVIDER }, { cause: error });
      }

      const text = await response.text();
      const json = parseJson(text);
      if (response.ok) {
        const sid = json && typeof json === 'object' && 'sid' in json ? (json as { sid: unknown }).sid : undefined;
        if (typeof sid !== 'string' || sid.length === 0) {
          // Accepted but unreadable: retrying could send the SMS twice.
          throw new PermanentSmsSendError(`Twilio answered ${response.status} without a message sid`, { provider: PROVIDER, status: response.status });
        }
        return { providerMessageId: sid, ...(callback ? { awaitsDeliveryReport: true } : {}) };
      }

      const body = (json && typeof json === 'object' ? json : {}) as TwilioErrorBody;
      const reason = `Twilio answered ${response.status}${body.code !== undefined ? ` (error ${body.code})` : ''}${body.message ? `: ${redactPhoneNumbers(body.message)}` : ''}`;
      const details = { provider: PROVIDER, status: response.status, ...(body.code !== undefined ? { code: body.code } : {}) };
      // Known states of the recipient, not failures of the request: https://www.twilio.com/docs/api/errors/21610 and /21614.
      if (body.code === 21610) throw new SmsRecipientRefusedError('opted_out', PROVIDER, '21610', `${reason} (the recipient replied STOP)`);
      if (body.code === 21614) throw new SmsRecipientRefusedError('not_mobile', PROVIDER, '21614', reason);
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new RetryableSmsSendError(reason, { ...details, ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) });
      }
      throw new PermanentSmsSendError(reason, details);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
