import middy from '@middy/core';
import type { WebSocketEvent, WebSocketResult } from '../../schemas/chat-websocket-events.ts';
import { closeConnection, type ChatConnectionDeps } from '../core/chat/connections.ts';
import { accountOf } from '../channels/chat/handshake.ts';
import { lazy } from './shared/lazy.ts';
import { chatConnectionDeps } from '../wiring/aws/chat-connections.ts';

/** $disconnect: best effort (API Gateway may never send it); the connection's TTL is the backstop. */
export function createChatDisconnectHandler(getDeps: () => Promise<ChatConnectionDeps>) {
  const base = async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const deps = await getDeps();
    const accountId = accountOf(event);
    if (accountId) await closeConnection(deps, { connectionId: event.requestContext.connectionId, accountId });
    return { statusCode: 200 };
  };
  return middy(base);
}

export const handler = createChatDisconnectHandler(lazy(chatConnectionDeps));
