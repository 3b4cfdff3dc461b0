import type { ChannelSend } from '../../core/reply.ts';
import type { EventPublisher } from '../../core/ports/events.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { PushRequest } from '../../core/push/push-requested-reply.ts';
import type { PushReplyResult } from '../../core/push/push-reply.ts';
import type { ChatChannelSendResult } from './chat-reply-sender.ts';

type ChatSend = (args: Parameters<ChannelSend>[0]) => Promise<ChatChannelSendResult>;

/**
 * Hands a waiting reply to the push sender: the outcome when it was pushed in this process
 * (the local gateway), 'requested' when another function sends it (AWS: the chat push sender).
 */
export type RequestPush = (request: PushRequest) => Promise<PushReplyResult | null | 'requested'>;

/**
 * In AWS: a `reply.push_requested` event on the gateway bus, so the reply functions never load
 * web-push (its ~116 KB is parsed at load even when never run, ADR 0028); the chat push sender
 * consumes it.
 */
export function pushRequestEvents(events: EventPublisher, clock: Clock): RequestPush {
  return async (request) => {
    await events.publish([{ type: 'reply.push_requested', ...request, at: clock.now().toISOString() }]);
    return 'requested';
  };
}

/**
 * The chat reply sender with Web Push for a citizen whose app is closed: the reply first goes to
 * the account's live connections; when none took it, it is kept for the next sync as before and
 * its push is requested. Neither a refused push nor a failed request changes anything for the
 * citizen: the reply still waits in the chat (the fallback). `push:<key>` records that a push
 * service accepted it, when that is known before the reply is recorded (pushed in-process).
 */
export function chatWithPushSend(chat: ChatSend, requestPush: RequestPush, log: Log): ChannelSend {
  return async (args) => {
    const delivered = await chat(args);
    if (delivered.delivery === 'pushed') return delivered;
    const pushed = await requestPush({
      complaintId: args.context?.complaintId ?? '',
      accountId: args.to,
      key: args.idempotencyKey,
      replyId: args.context?.replyId ?? args.idempotencyKey,
      language: args.context?.language ?? 'ko',
    }).catch((error: unknown) => {
      // The reply waits in the chat already: a push failure must not fail the reply.
      log.warn('reply push failed; the reply waits in the chat', { accountId: args.to, errorName: error instanceof Error ? error.name : 'unknown' });
      return null;
    });
    return pushed !== null && pushed !== 'requested' && pushed.accepted > 0 ? { ...delivered, providerMessageId: `push:${args.idempotencyKey}` } : delivered;
  };
}
