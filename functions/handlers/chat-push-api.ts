import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ChatPushSubscribeBodySchema, ChatPushUnsubscribeBodySchema } from '../../schemas/chat-push.ts';
import { authenticateToken } from '../core/chat/accounts.ts';
import { PushEndpointError } from '../core/push/push-services.ts';
import { subscribeToPush, unsubscribeFromPush } from '../core/push/subscriptions.ts';
import { bearer } from './shared/bearer.ts';
import { chatPageCors } from './shared/cors.ts';
import { HttpError, httpErrors, json, parseJsonBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { chatPushApiDeps } from '../wiring/aws/chat-push-api.ts';
import type { ChatPushApiDeps } from '../wiring/deps/chat-push-api.ts';

export const CHAT_PUSH_ROUTES = ['GET /chat/push/key', 'POST /chat/push/subscriptions', 'DELETE /chat/push/subscriptions'] as const;

/** The chat account of the Bearer token; 401 without one, as the WebSocket authorizer refuses it. */
async function accountOf(deps: ChatPushApiDeps, event: APIGatewayProxyEvent): Promise<string> {
  const token = bearer(event);
  if (!token) throw new HttpError(401, 'a chat token is required (Authorization: Bearer)');
  const check = await authenticateToken(deps.auth, token);
  if (!check.ok) throw new HttpError(401, `chat token ${check.reason}`);
  return check.accountId;
}

/**
 * Web Push for chat-account holders (docs/adr/0028-pwa-web-push.md): the VAPID public key pages
 * subscribe with, and storing or removing the account's subscription (chat token).
 */
export function createChatPushApiHandler(getDeps: () => Promise<ChatPushApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: {}, body: '' };
    const route = `${event.httpMethod} ${event.resource}`;
    switch (route) {
      case 'GET /chat/push/key': {
        const publicKey = await deps.vapidPublicKey();
        if (!publicKey) return json(503, { error: 'push notifications are not configured here', code: 'push_unavailable' });
        // Public by design (RFC 8292 §3.2); cached briefly so a rotation reaches pages soon.
        return json(200, { publicKey }, { 'cache-control': 'public, max-age=300' });
      }
      case 'POST /chat/push/subscriptions': {
        const accountId = await accountOf(deps, event);
        const { subscription } = parseJsonBody(event, ChatPushSubscribeBodySchema);
        try {
          await subscribeToPush(deps.push, { accountId, subscription });
        } catch (error) {
          if (error instanceof PushEndpointError) throw new HttpError(400, error.message);
          throw error;
        }
        return json(201, { status: 'subscribed' });
      }
      case 'DELETE /chat/push/subscriptions': {
        const accountId = await accountOf(deps, event);
        const { endpoint } = parseJsonBody(event, ChatPushUnsubscribeBodySchema);
        await unsubscribeFromPush(deps.push, { accountId, endpoint });
        return json(200, { status: 'unsubscribed' });
      }
      default:
        throw new HttpError(404, `no route ${route}`);
    }
  };
  // onError middlewares run last-registered first: httpErrors builds the response, then CORS decorates it.
  return middy(base)
    .use(chatPageCors(async () => (await getDeps()).allowedOrigin, 'GET, POST, DELETE, OPTIONS'))
    .use(httpErrors(async () => (await getDeps()).push.log));
}

export const handler = createChatPushApiHandler(lazy(chatPushApiDeps));
