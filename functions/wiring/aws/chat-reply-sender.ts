import { apiGatewayConnectionSender, managementClient } from '../../adapters/chat/api-gateway-connection-sender.ts';
import { chatWithPushSend, pushRequestEvents } from '../../channels/chat/chat-push-reply-sender.ts';
import { chatChannelSend } from '../../channels/chat/chat-reply-sender.ts';
import type { EventPublisher } from '../../core/ports/events.ts';
import type { ChannelSend } from '../../core/reply.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { clock, log } from './log-and-clock.ts';

/**
 * The reply use case's chat sender for a function outside the WebSocket API (the complaints
 * API, the reply retry consumer): null when the stage has no chat channel
 * (CHAT_CONNECTIONS_ENDPOINT unset). A reply nobody was online for is also to go by Web Push:
 * that is requested on the gateway bus (`reply.push_requested`) and sent by the chat push sender,
 * so these functions never bundle web-push (docs/adr/0028-pwa-web-push.md). Without `events`
 * (status notices) nothing is pushed: a notice waits in the chat.
 */
export function chatReplySend(events?: EventPublisher): ChannelSend | null {
  const endpoint = optionalChatEnv('connectionsEndpoint');
  if (!endpoint) return null;
  const chat = chatChannelSend({ connections: chatConnectionRepository(), sender: apiGatewayConnectionSender(managementClient(endpoint)), clock, log });
  return events ? chatWithPushSend(chat, pushRequestEvents(events, clock), log) : chat;
}
