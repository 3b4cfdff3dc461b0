import middy from '@middy/core';
import type { WebSocketEvent, WebSocketResult } from '../../schemas/chat-websocket-events.ts';
import { CHAT_SUBPROTOCOL, accountOf, offeredProtocols, tokenHashOf } from '../channels/chat/handshake.ts';
import { openConnection, type ChatConnectionDeps } from '../core/chat/connections.ts';
import { lazy } from './shared/lazy.ts';
import { chatConnectionDeps } from '../wiring/aws/chat-connections.ts';

/**
 * $connect (after the authorizer): records the connection with its TTL. Echoes the chat
 * subprotocol when the client offered it, or browsers drop the connection.
 */
export function createChatConnectHandler(getDeps: () => Promise<ChatConnectionDeps>) {
  const base = async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const deps = await getDeps();
    const accountId = accountOf(event);
    if (!accountId) {
      deps.log.error('chat connect without an authorised account: is the authorizer attached to $connect?', {});
      return { statusCode: 403 };
    }
    const tokenHash = tokenHashOf(event);
    await openConnection(deps, { connectionId: event.requestContext.connectionId, accountId, ...(tokenHash ? { tokenHash } : {}) });
    const protocols = offeredProtocols(event.headers);
    return { statusCode: 200, ...(protocols.includes(CHAT_SUBPROTOCOL) ? { headers: { 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL } } : {}) };
  };
  return middy(base);
}

export const handler = createChatConnectHandler(lazy(chatConnectionDeps));
