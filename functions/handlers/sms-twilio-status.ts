import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { TwilioStatusCallbackSchema } from '../../schemas/sms-delivery-reports.ts';
import { twilioDeliveryStatus } from '../channels/sms/delivery-status.ts';
import { recordDeliveryReport } from '../core/delivery-reports.ts';
import { HttpError, httpErrors, parseWith } from './shared/http.ts';
import { verifyTwilioRequest } from './shared/twilio-request.ts';
import { lazy } from './shared/lazy.ts';
import { twilioStatusDeps } from '../wiring/aws/sms-twilio-status.ts';
import type { TwilioStatusDeps } from '../wiring/deps/sms-twilio-status.ts';

/** The reply is named in the path (the sender builds the StatusCallback URL this way). */
export const TWILIO_STATUS_ROUTE = '/sms/twilio/status/{complaintId}/{replyId}';

const ok = (): APIGatewayProxyResult => ({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' });

/**
 * POST /sms/twilio/status/{complaintId}/{replyId}: Twilio's status callback for a reply it
 * accepted. The X-Twilio-Signature is checked first (the same check as the incoming-message
 * webhook), over the URL the sender gave Twilio, which carries no query string; then the status
 * is recorded on the reply, never moving it back.
 */
export function createTwilioStatusHandler(getDeps: () => Promise<TwilioStatusDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    // The sender gave Twilio the URL without a query string: the path (with any stage) is all of it.
    const verified = await verifyTwilioRequest(event, deps, `${deps.publicBaseUrl}${event.requestContext.path || event.path}`);
    if (!verified.ok) return verified.response;
    const { params, accountSid } = verified;
    const callback = parseWith(TwilioStatusCallbackSchema, params, 'Twilio status callback');
    if (callback.AccountSid !== accountSid) throw new HttpError(403, 'AccountSid does not match this gateway');
    const complaintId = event.pathParameters?.complaintId;
    const replyId = event.pathParameters?.replyId;
    if (!complaintId || !replyId) throw new HttpError(400, 'the callback URL names no reply');

    const status = twilioDeliveryStatus(callback.MessageStatus);
    if (status === null) return ok();
    await recordDeliveryReport(deps.reports, {
      complaintId,
      replyId,
      providerMessageId: callback.MessageSid,
      status,
      ...(callback.ErrorCode ? { errorCode: callback.ErrorCode } : {}),
      provider: 'twilio',
    });
    return ok();
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createTwilioStatusHandler(lazy(twilioStatusDeps));
