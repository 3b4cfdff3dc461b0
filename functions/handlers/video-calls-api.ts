import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { StartVideoCallBodySchema, VIDEO_CALL_ROUTES } from '../../schemas/video-call-api.ts';
import { authenticateToken } from '../core/chat/accounts.ts';
import { VideoCallRefusedError, type VideoCallRefusal } from '../core/video/errors.ts';
import { listJoinableReservations, startVideoCall } from '../core/video/start-video-call.ts';
import { bearerToken, citizenPageCors } from './shared/citizen-api.ts';
import { HttpError, httpErrors, json, parseJsonBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { videoCallsApiDeps } from '../wiring/aws/video-calls-api.ts';
import type { VideoCallsApiDeps } from '../wiring/deps/video-calls-api.ts';

export { VIDEO_CALL_ROUTES };

const STATUS: Record<VideoCallRefusal, number> = {
  unknown_reservation: 404,
  too_early: 409,
  missed: 409,
  ended: 409,
  not_joinable: 409,
  no_counselor_free: 409,
};

/**
 * The citizen's video calls, authenticated by the chat token (Authorization: Bearer), as the
 * chat WebSocket's authorizer does: no token 401, a malformed, unknown, expired or revoked one
 * 403. Refusals carry a `code` the page words in the citizen's language.
 */
export function createVideoCallsApiHandler(getDeps: () => Promise<VideoCallsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: {}, body: '' };
    const deps = await getDeps();
    const route = `${event.httpMethod} ${event.resource}`;
    if (!(VIDEO_CALL_ROUTES as readonly string[]).includes(route)) throw new HttpError(404, `no route ${route}`);
    const token = bearerToken(event);
    if (!token) return json(401, { error: 'sign in with your chat account (Authorization: Bearer <chat token>)', code: 'no_token' });
    const check = await authenticateToken(deps.calls, token);
    if (!check.ok) {
      deps.calls.log.info('video call refused: chat token not valid', { reason: check.reason });
      return json(403, { error: 'the chat token is not valid', code: 'invalid_token' });
    }
    try {
      if (route === 'GET /video-calls/reservations') {
        return json(200, { items: await listJoinableReservations(deps.calls, check.accountId) });
      }
      const body = parseJsonBody(event, StartVideoCallBodySchema);
      const call = await startVideoCall(deps.calls, { accountId: check.accountId, requestId: body.requestId, ...(body.reservationId ? { reservationId: body.reservationId } : {}) });
      return json(201, call);
    } catch (error) {
      if (error instanceof VideoCallRefusedError) return json(STATUS[error.code], { error: error.message, code: error.code, details: error.details });
      if (error instanceof HttpError && error.statusCode === 400) return json(400, { error: error.message, code: 'invalid_request', details: error.details });
      throw error;
    }
  };
  return middy(base)
    .use(citizenPageCors(async () => (await getDeps()).allowedOrigin))
    .use(httpErrors(async () => (await getDeps()).calls.log));
}

export const handler = createVideoCallsApiHandler(lazy(videoCallsApiDeps));
