import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { inboundFromEumSns } from '../channels/sms/eum-to-inbound.ts';
import { httpErrors, json, problem, rawBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { eumHttpsDeps } from '../wiring/aws/sms-eum.ts';
import type { EumHttpsDeps } from '../wiring/deps/sms-eum-https.ts';

/**
 * POST /sms/aws-eum: SNS delivering End User Messaging two-way SMS over HTTPS. The SNS
 * signature, certificate host and TopicArn are verified before anything else is read.
 */
export function createEumHttpsHandler(getDeps: () => Promise<EumHttpsDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    let body: unknown;
    try {
      body = JSON.parse(rawBody(event));
    } catch {
      return problem(400, 'request body is not valid JSON');
    }
    const verification = await deps.verifier.verify(body);
    if (!verification.ok) {
      deps.log.warn('sns message rejected', { reason: verification.reason });
      const status = verification.reason === 'invalid-message' ? 400 : verification.reason === 'certificate-unavailable' ? 503 : 403;
      return problem(status, `SNS message rejected: ${verification.detail}`);
    }
    const message = verification.message;
    switch (message.Type) {
      case 'SubscriptionConfirmation': {
        if (!isSnsHttpsUrl(message.SubscribeURL)) {
          return problem(403, 'SubscribeURL is not on an SNS host');
        }
        await deps.confirmSubscription(message.SubscribeURL);
        return json(200, { confirmed: true });
      }
      case 'UnsubscribeConfirmation':
        deps.log.warn('sns subscription removed', { topicArn: message.TopicArn });
        return json(200, { acknowledged: true });
      case 'Notification': {
        const mapped = inboundFromEumSns(message, deps.clock.now());
        if (!mapped.ok) return problem(400, `two-way SMS payload rejected: ${mapped.reason}`);
        await deps.intake.send([{ kind: 'inbound', message: mapped.inbound }]);
        return json(200, { accepted: true });
      }
    }
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

/** Confirming means an HTTPS GET to SNS itself, never to a host named by the caller. */
function isSnsHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(url.hostname);
  } catch {
    return false;
  }
}

export const handler = createEumHttpsHandler(lazy(eumHttpsDeps));
