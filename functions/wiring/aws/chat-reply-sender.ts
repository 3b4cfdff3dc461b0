import { apiGatewayConnectionSender, managementClient } from '../../adapters/chat/api-gateway-connection-sender.ts';
import { chatChannelSend } from '../../channels/chat/chat-reply-sender.ts';
import type { ChannelSend } from '../../core/reply.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { clock, log } from './log-and-clock.ts';

/**
 * The reply use case's chat sender for a function outside the WebSocket API (the complaints
 * API): null when the stage has no chat channel (CHAT_CONNECTIONS_ENDPOINT unset).
 */
export function chatReplySend(): ChannelSend | null {
  const endpoint = optionalChatEnv('connectionsEndpoint');
  if (!endpoint) return null;
  return chatChannelSend({ connections: chatConnectionRepository(), sender: apiGatewayConnectionSender(managementClient(endpoint)), clock, log });
}
