import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { MoWebhookMessageSchema } from '../../schemas/sms-mo-webhook.ts';
import { MO_SIGNATURE_HEADER, verifyMoWebhookSignature } from '../channels/sms/mo-webhook-signature.ts';
import { moWebhookToInbound } from '../channels/sms/mo-webhook-to-inbound.ts';
import type { MoWebhookDeps } from '../wiring/sms-mo-webhook-deps.ts';
import { header, httpErrors, json, parseWith, problem, rawBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { moWebhookDeps } from '../wiring/aws/sms-mo-webhook.ts';

/** One SMS is small; anything near this is not an MO message and is not hashed or parsed. */
export const MAX_MO_BODY_BYTES = 256 * 1024;

/**
 * POST /sms/mo: a Korean MO aggregator or relay delivering one citizen SMS as signed JSON. The
 * signature is verified over the raw body before it is parsed; the message is validated,
 * enqueued, and the relay gets 200 (any other answer means: retry, or fix the request). A
 * redelivery enqueues again and the pipeline stores it once (dedupe on the relay's message id).
 */
export function createMoWebhookHandler(getDeps: () => Promise<MoWebhookDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const contentType = header(event, 'content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) return problem(415, 'content-type must be application/json');
    const body = rawBody(event);
    if (Buffer.byteLength(body, 'utf8') > MAX_MO_BODY_BYTES) return problem(413, `body over ${MAX_MO_BODY_BYTES} bytes`);

    const verification = verifyMoWebhookSignature({ header: header(event, MO_SIGNATURE_HEADER), body, secrets: await deps.secrets(), now: deps.clock.now() });
    if (!verification.ok) {
      deps.log.warn('mo webhook signature rejected', { reason: verification.reason });
      return problem(403, `${MO_SIGNATURE_HEADER} rejected (${verification.reason}): ${verification.detail}`);
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return problem(400, 'body is not JSON');
    }
    const message = parseWith(MoWebhookMessageSchema, parsed, 'MO message');
    await deps.intake.send([{ kind: 'inbound', message: moWebhookToInbound(message) }]);
    deps.log.info('mo message accepted', { messageId: message.messageId });
    return json(200, { accepted: true, messageId: message.messageId });
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createMoWebhookHandler(lazy(moWebhookDeps));
