import type { ChannelSend } from '../../core/reply.ts';
import { pushReplyToAccount, type PushReplyDeps } from '../../core/push/push-reply.ts';
import type { ChatChannelSendResult } from './chat-reply-sender.ts';

type ChatSend = (args: Parameters<ChannelSend>[0]) => Promise<ChatChannelSendResult>;

/**
 * The chat reply sender with Web Push for a citizen whose app is closed: the reply first goes to
 * the account's live connections; when none took it, it is kept for the next sync as before and
 * also pushed to the account's subscriptions. A push service's refusal changes nothing for the
 * citizen: the reply still waits in the chat (the fallback). `push:<key>` records that a push
 * service accepted it.
 */
export function chatWithPushSend(chat: ChatSend, push: PushReplyDeps): ChannelSend {
  return async (args) => {
    const delivered = await chat(args);
    if (delivered.delivery === 'pushed') return delivered;
    const pushed = await pushReplyToAccount(push, {
      accountId: args.to,
      key: args.idempotencyKey,
      replyId: args.context?.replyId ?? args.idempotencyKey,
      text: args.body,
      language: args.context?.language ?? 'ko',
    }).catch((error: unknown) => {
      // The reply waits in the chat already: a push failure must not fail the reply.
      push.log.warn('reply push failed; the reply waits in the chat', { accountId: args.to, errorName: error instanceof Error ? error.name : 'unknown' });
      return null;
    });
    return pushed && pushed.accepted > 0 ? { ...delivered, providerMessageId: `push:${args.idempotencyKey}` } : delivered;
  };
}
