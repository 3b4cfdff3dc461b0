import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { computeTwilioSignature } from '../../functions/channels/sms/twilio-signature.ts';
import { receiptNoFor } from '../../functions/core/receipt.ts';
import { createTwilioWebhookHandler } from '../../functions/handlers/sms-twilio-webhook.ts';
import type { TwilioWebhookDeps } from '../../functions/wiring/deps/sms-twilio-webhook.ts';
import { RecordingIntakeQueue } from './in-memory-ports.ts';

export const TWILIO_ACCOUNT_SID = 'ACa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const TWILIO_AUTH_TOKEN = 'twilio-test-auth-token-0123456789';

/** A Twilio SMS webhook's form parameters; override any of them. */
export function twilioSmsParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MessageSid: 'SM0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    AccountSid: TWILIO_ACCOUNT_SID,
    From: '+821055550123',
    To: '+8215990120',
    Body: '가로등이 고장났어요',
    NumMedia: '0',
    ...overrides,
  };
}

export interface TwilioRequest {
  params: Record<string, string>;
  /** The URL Twilio signs: exactly what is configured on the number. */
  signedUrl: string;
  /** Path API Gateway reports (requestContext.path, with the stage). */
  path: string;
  /** Query parameters as API Gateway hands them over: decoded, per name. */
  query?: Record<string, string[]>;
  signature?: string;
}

/** The API Gateway REST proxy event of a Twilio webhook, signed over `signedUrl`. */
export function twilioEvent(request: TwilioRequest): APIGatewayProxyEvent {
  const body = new URLSearchParams(request.params).toString();
  const signature = request.signature ?? computeTwilioSignature(TWILIO_AUTH_TOKEN, request.signedUrl, request.params);
  const query = request.query ?? null;
  return {
    resource: '/sms/twilio',
    path: request.path,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    multiValueHeaders: {},
    queryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values[values.length - 1] ?? ''])) : null,
    multiValueQueryStringParameters: query,
    pathParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: { path: request.path } as APIGatewayProxyEvent['requestContext'],
  };
}

export interface TwilioHarness {
  intake: RecordingIntakeQueue;
  warnings: Array<{ message: string; fields?: Record<string, unknown> }>;
  invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
}

/** The webhook handler on in-memory deps; the receipt preview answers with the message's own number. */
export function twilioHarness(overrides: Partial<TwilioWebhookDeps> = {}): TwilioHarness {
  const intake = new RecordingIntakeQueue();
  const warnings: TwilioHarness['warnings'] = [];
  const log = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string, fields?: Record<string, unknown>) => void warnings.push({ message, ...(fields ? { fields } : {}) }),
    error: (message: string, fields?: Record<string, unknown>) => void warnings.push({ message, ...(fields ? { fields } : {}) }),
  };
  const deps: TwilioWebhookDeps = {
    log,
    clock: { now: () => new Date('2026-03-02T01:00:00.000Z') },
    publicBaseUrl: 'https://gw.example.com',
    twilioCredentials: async () => ({ accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN }),
    intake,
    previewReceipt: async (message) => ({ receiptNo: receiptNoFor(message), joinedExisting: false }),
    receiptFor: receiptNoFor,
    previewBudgetMs: 1000,
    ...overrides,
  };
  const handler = createTwilioWebhookHandler(async () => deps);
  return { intake, warnings, invoke: (event) => handler(event, {} as Context) as Promise<APIGatewayProxyResult> };
}
