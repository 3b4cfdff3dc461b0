import type { ChatConnectionRepository } from '../chat/ports.ts';
import type { PushRequestedEvent } from '../ports/events.ts';
import { pushReplyToAccount, type PushReplyDeps, type PushReplyResult } from './push-reply.ts';

export interface PushRequestedReplyDeps extends PushReplyDeps {
  /** The chat's waiting replies: the text is read here, so the request carries no text. */
  waiting: Pick<ChatConnectionRepository, 'listUndelivered'>;
}

export type PushRequest = Omit<PushRequestedEvent, 'type' | 'at'>;

/**
 * Sends a requested reply push (`reply.push_requested`): the reply as it waits in the chat, to
 * every subscription of the account, once each (pushReplyToAccount's outbox). A reply no longer
 * waiting was read in the chat in the meantime (or never queued): nothing to notify, null.
 * Storage failures throw so the request is retried; a push service's refusal does not.
 */
export async function pushRequestedReply(deps: PushRequestedReplyDeps, request: PushRequest): Promise<PushReplyResult | null> {
  const waiting = (await deps.waiting.listUndelivered(request.accountId)).find((reply) => reply.replyId === request.key);
  if (!waiting) {
    deps.log.info('reply no longer waiting in the chat; not pushed', { accountId: request.accountId, replyId: request.replyId, complaintId: request.complaintId });
    return null;
  }
  return pushReplyToAccount(deps, { accountId: request.accountId, key: request.key, replyId: request.replyId, text: waiting.text, language: request.language });
}
