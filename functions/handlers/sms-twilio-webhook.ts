import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { TwilioSmsWebhookSchema } from '../../schemas/twilio-sms.ts';
import { signedUrlCandidates } from '../channels/sms/twilio-signed-url.ts';
import { twilioToInbound } from '../channels/sms/twilio-to-inbound.ts';
import { TWIML_CONTENT_TYPE, emptyTwiml, messageTwiml, receiptTwiml } from '../channels/sms/twiml.ts';
import { isReachableHandle, normalizeHandle } from '../core/citizen-handle.ts';
import { detectLanguage } from '../core/language.ts';
import { fitSmsText, smsCharsetFor } from '../core/sms-charset.ts';
import { smsHelpText, smsKeywordOf } from '../core/sms-keywords.ts';
import { HttpError, httpErrors, parseWith } from './shared/http.ts';
import { verifyTwilioRequest } from './shared/twilio-request.ts';
import { lazy, withinBudget } from './shared/lazy.ts';
import { twilioWebhookDeps } from '../wiring/aws/sms-twilio-webhook.ts';
import type { TwilioWebhookDeps } from '../wiring/deps/sms-twilio-webhook.ts';

/**
 * The URLs Twilio may have signed: the configured public origin, the path as the client called it
 * (API Gateway's requestContext.path keeps the /{stage} prefix that event.path drops) and the
 * query in each spelling it can have been configured with (channels/sms/twilio-signed-url.ts).
 */
export function signedUrls(publicBaseUrl: string, event: APIGatewayProxyEvent): string[] {
  const query: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.push([name, value]);
  }
  return signedUrlCandidates(publicBaseUrl, event.requestContext.path || event.path, query);
}

function twiml(body: string): APIGatewayProxyResult {
  return { statusCode: 200, headers: { 'content-type': TWIML_CONTENT_TYPE }, body };
}

/**
 * POST /sms/twilio. Verifies X-Twilio-Signature before any other work, validates the form,
 * enqueues the canonical message and answers with TwiML naming the receipt number.
 */
export function createTwilioWebhookHandler(getDeps: () => Promise<TwilioWebhookDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const verified = await verifyTwilioRequest(event, deps, signedUrls(deps.publicBaseUrl, event));
    if (!verified.ok) return verified.response;
    const { params, accountSid } = verified;

    const webhook = parseWith(TwilioSmsWebhookSchema, params, 'Twilio webhook');
    if (webhook.AccountSid !== accountSid) throw new HttpError(403, 'AccountSid does not match this gateway');
    const message = twilioToInbound(webhook, deps.clock.now());
    if (!isReachableHandle(message.citizenHandleKind, message.citizenHandle)) {
      // A short code or alphanumeric sender id: the text is stored (masked, flagged by the
      // pipeline), but a receipt SMS could not reach it, so none is attempted.
      await deps.intake.send([{ kind: 'inbound', message }]);
      deps.log.info('twilio message accepted', { messageSid: webhook.MessageSid, media: message.media.length, unverifiableSender: true });
      return twiml(emptyTwiml());
    }
    // What goes back through Twilio to the sender: Korean handsets take only EUC-KR.
    const charset = smsCharsetFor('twilio', normalizeHandle(message.citizenHandleKind, message.citizenHandle));
    const keyword = smsKeywordOf(message);
    if (keyword?.onlyKeyword) {
      // Enqueued all the same: the pipeline records the opt-out or opt-in; no complaint, no receipt.
      await deps.intake.send([{ kind: 'inbound', message }]);
      const answer = keyword.kind === 'help' && !keyword.handledByProvider;
      deps.log.info('twilio keyword accepted', { messageSid: webhook.MessageSid, keyword: keyword.kind, handledByProvider: keyword.handledByProvider, answered: answer });
      return twiml(answer ? messageTwiml(fitSmsText({ text: smsHelpText(keyword.language), language: 'und' }, charset).text) : emptyTwiml());
    }

    const preview = withinBudget(deps.previewReceipt(message), deps.previewBudgetMs, () => ({
      receiptNo: deps.receiptFor(message),
      joinedExisting: false,
    }));
    await deps.intake.send([{ kind: 'inbound', message }]);
    const { value: receipt, timedOut } = await preview.catch((error: unknown) => {
      deps.log.warn('receipt preview failed', { errorName: error instanceof Error ? error.name : 'unknown' });
      return { value: { receiptNo: deps.receiptFor(message), joinedExisting: false }, timedOut: true };
    });
    deps.log.info('twilio message accepted', { messageSid: webhook.MessageSid, media: message.media.length, previewTimedOut: timedOut });
    const language = detectLanguage(message.text);
    return twiml(receiptTwiml({ ...receipt, ...(language === 'und' || language === 'ko' ? {} : { language }), charset }));
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createTwilioWebhookHandler(lazy(twilioWebhookDeps));
