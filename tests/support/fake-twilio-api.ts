import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeTwilioSignature } from '../../functions/channels/sms/twilio-signature.ts';
import { isRepresentable } from '../../functions/core/sms-charset.ts';

/**
 * A local stand-in for Twilio's Messages API (POST /2010-04-01/Accounts/{Sid}/Messages.json)
 * speaking its wire format: HTTP basic auth with AccountSid:AuthToken, a form-encoded body,
 * 201 with the Message resource JSON, and Twilio's error JSON {code, message, more_info, status}.
 */
export interface FakeTwilioApi {
  /** Base URL to give the sender, e.g. http://127.0.0.1:54321 */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Every accepted message, in order. */
  readonly sent: ReadonlyArray<SentMessage>;
  /** Every request that reached the server, accepted or not. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** The next `times` requests get this Twilio error instead of being accepted. */
  failNext(error: TwilioError, times?: number): void;
  /** The number replied STOP: sends to it are refused with 21610, as Twilio does. */
  optOut(number: string): void;
  /** The number is a landline: sends to it are refused with 21614, as Twilio does. */
  markLandline(number: string): void;
  /**
   * Plays Twilio's status callback for a sent message: POSTs the form Twilio sends (MessageSid,
   * MessageStatus, ErrorCode, ...) to its StatusCallback URL, signed with X-Twilio-Signature, and
   * returns the HTTP status the callback got. `tamper` changes a parameter after signing.
   */
  reportStatus(sid: string, status: string, options?: { errorCode?: number; tamper?: boolean; accountSid?: string }): Promise<number>;
  close(): Promise<void>;
}

export interface SentMessage {
  sid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  /**
   * What the handset shows: South Korean operators take only EUC-KR (Twilio's guidelines for KR),
   * so to a +82 number every other character arrives as '?'.
   */
  handsetText: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

export interface TwilioError {
  status: number;
  code: number;
  message: string;
  retryAfterSeconds?: number;
}

/** Errors as Twilio documents them, for tests to pick from. */
export const TWILIO_ERRORS = {
  tooManyRequests: { status: 429, code: 20429, message: 'Too Many Requests' },
  internal: { status: 500, code: 20500, message: 'Internal Server Error' },
  invalidTo: { status: 400, code: 21211, message: "The 'To' number +821000000000 is not a valid phone number." },
  // https://www.twilio.com/docs/api/errors/21610 — the recipient replied STOP; not charged.
  optedOut: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  // https://www.twilio.com/docs/api/errors/21614 — a landline; the South Korea guidelines say the API answers 400 with 21614.
  notMobile: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
} as const satisfies Record<string, TwilioError>;

const twilioSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export async function startFakeTwilioApi(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioApi> {
  const accountSid = options.accountSid ?? twilioSid('AC');
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const sent: SentMessage[] = [];
  const requests: RecordedRequest[] = [];
  const failures: TwilioError[] = [];
  const optedOut = new Set<string>();
  const landlines = new Set<string>();

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch(() => sendError(res, { status: 500, code: 20500, message: 'Internal Server Error' }));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const contentType = req.headers['content-type'];
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push({ method: req.method ?? '', path, contentType, authorization: req.headers.authorization, form });

    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!match || req.method !== 'POST') {
      sendError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
      return;
    }
    if (req.headers.authorization !== expectedAuth || match[1] !== accountSid) {
      sendError(res, { status: 401, code: 20003, message: 'Authenticate' });
      return;
    }
    if (!contentType?.startsWith('application/x-www-form-urlencoded')) {
      sendError(res, { status: 400, code: 20001, message: 'Request body must be application/x-www-form-urlencoded' });
      return;
    }
    const failure = failures.shift();
    if (failure) {
      sendError(res, failure);
      return;
    }
    if (!form.To) {
      sendError(res, { status: 400, code: 21604, message: "A 'To' phone number is required." });
      return;
    }
    if (optedOut.has(form.To)) {
      sendError(res, { ...TWILIO_ERRORS.optedOut, message: 'The message From/To pair violates a blacklist rule.' });
      return;
    }
    if (landlines.has(form.To)) {
      sendError(res, { ...TWILIO_ERRORS.notMobile, message: `The 'To' number ${form.To} is not a valid mobile number.` });
      return;
    }
    if (!form.From && !form.MessagingServiceSid) {
      sendError(res, { status: 400, code: 21603, message: "A 'From' phone number is required." });
      return;
    }
    if (!form.Body) {
      sendError(res, { status: 400, code: 21602, message: 'Message body is required.' });
      return;
    }
    // Twilio refuses a body over 1,600 characters, counting emoji and other non-GSM characters as more than one.
    if (form.Body.length > 1600) {
      sendError(res, { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' });
      return;
    }

    const sid = twilioSid('SM');
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const handsetText = form.To.startsWith('+82') ? [...form.Body].map((c) => (isRepresentable(c, 'euc-kr') ? c : '?')).join('') : form.Body;
    sent.push({ sid, to: form.To, from: form.From, messagingServiceSid: form.MessagingServiceSid, body: form.Body, statusCallback: form.StatusCallback, handsetText });
    sendJson(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to: form.To,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    sent,
    requests,
    failNext(error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(error);
    },
    optOut(number) {
      optedOut.add(number);
    },
    markLandline(number) {
      landlines.add(number);
    },
    async reportStatus(sid, status, options = {}) {
      const message = sent.find((m) => m.sid === sid);
      if (!message?.statusCallback) throw new Error(`message ${sid} was sent without a StatusCallback`);
      const params: Record<string, string> = {
        AccountSid: options.accountSid ?? accountSid,
        ApiVersion: '2010-04-01',
        From: message.from ?? '+15017122661',
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(options.errorCode !== undefined ? { ErrorCode: String(options.errorCode) } : {}),
      };
      const signature = computeTwilioSignature(authToken, message.statusCallback, params);
      const body = new URLSearchParams(options.tamper ? { ...params, MessageStatus: 'delivered', ErrorCode: '0' } : params).toString();
      const response = await fetch(message.statusCallback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function sendError(res: ServerResponse, error: TwilioError): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  sendJson(res, error.status, {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
