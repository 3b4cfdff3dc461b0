import type { ChannelSend } from '../../core/reply.ts';
import { pushReply, type ChatReplyDeps, type ChatReplyResult } from '../../core/chat/reply-delivery.ts';

export type ChatChannelSendResult = { providerMessageId: string } & ChatReplyResult;

/**
 * The chat entry of the reply use case's `senders`: `to` is the chat account id (the
 * normalised handle), the reply id is the idempotency key. Both outcomes are success for the
 * sender: a reply nobody was online for is queued and pushed at the citizen's next sync.
 * `delivery: 'queued'` tells a caller that wants to record it that way that it is not yet read.
 */
export function chatChannelSend(deps: ChatReplyDeps): ChannelSend & ((args: Parameters<ChannelSend>[0]) => Promise<ChatChannelSendResult>) {
  return async ({ to, body, idempotencyKey }) => {
    const result = await pushReply(deps, { accountId: to, replyId: idempotencyKey, text: body });
    return { providerMessageId: `chat:${idempotencyKey}`, ...result };
  };
}
