import { apiGatewayConnectionSender, managementClient } from '../../adapters/chat/api-gateway-connection-sender.ts';
import { chatWithPushSend } from '../../channels/chat/chat-push-reply-sender.ts';
import { chatChannelSend } from '../../channels/chat/chat-reply-sender.ts';
import type { ChannelSend } from '../../core/reply.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { clock, log } from './log-and-clock.ts';
import { pushReplyDeps } from './push.ts';

/**
 * The reply use case's chat sender for a function outside the WebSocket API (the complaints
 * API): null when the stage has no chat channel (CHAT_CONNECTIONS_ENDPOINT unset); with Web Push when
 * the function has the VAPID secret.
 */
export async function chatReplySend(): Promise<ChannelSend | null> {
  const endpoint = optionalChatEnv('connectionsEndpoint');
  if (!endpoint) return null;
  const chat = chatChannelSend({ connections: chatConnectionRepository(), sender: apiGatewayConnectionSender(managementClient(endpoint)), clock, log });
  // With the stage's VAPID secret, a reply nobody was online for is also sent by Web Push.
  const push = await pushReplyDeps();
  return push ? chatWithPushSend(chat, push) : chat;
}
