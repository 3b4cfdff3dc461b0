import type { ConnectChatStreamItem } from '../../../schemas/connect-chat-stream.ts';
import { UnreachableCitizenError } from '../errors.ts';
import type { Reply } from '../model.ts';
import type { Log } from '../ports/runtime.ts';
import { isReplySettled, sendReply, type ReplyDeps } from '../reply.ts';
import type { ConnectContactLinks } from './contact-links.ts';

export interface CounselorReplyDeps {
  links: Pick<ConnectContactLinks, 'get'>;
  reply: ReplyDeps;
  log: Log;
}

export type CounselorReplyOutcome = { status: 'relayed'; reply: Reply } | { status: 'ignored'; reason: string };

/** Thrown when the reply is recorded but not delivered yet; the stream delivery is retried with the same reply id. */
export class ReplyNotDeliveredError extends Error {
  override readonly name = 'ReplyNotDeliveredError';
}

const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

/**
 * MessageVisibility values (an SNS message attribute of the chat stream) of items meant for the
 * customer. AWS's rule for customer-facing code: forward when the visibility is CUSTOMER or ALL and
 * the sender is not the customer (Administrator Guide, "Use the Amazon SNS payload after enabling
 * message streaming"). The SNS subscription filter uses the same list.
 */
export const CUSTOMER_VISIBILITIES = ['CUSTOMER', 'ALL'] as const;

/** Reply id of a chat message: the Connect item id, so a redelivered stream message is the same reply. */
export function replyIdForChatItem(itemId: string): string {
  return `connect-chat-${itemId}`;
}

/**
 * A counselor's message typed in the agent workspace chat goes to the citizen on the channel
 * they used, in their language, through the reply use case. Only MESSAGE items from the AGENT
 * visible to the customer are replies; agent-only messages, customer echoes, typing and
 * participant events are ignored. `visibility` is the item's MessageVisibility attribute: without
 * one the item is not sent (nothing meant for counselors only may reach a citizen).
 */
export async function relayCounselorReply(deps: CounselorReplyDeps, item: ConnectChatStreamItem, visibility: string | undefined): Promise<CounselorReplyOutcome> {
  if (item.Type !== 'MESSAGE') return { status: 'ignored', reason: `item type ${item.Type}` };
  if (item.ParticipantRole !== 'AGENT') return { status: 'ignored', reason: `participant ${item.ParticipantRole ?? 'unknown'}` };
  if (!(CUSTOMER_VISIBILITIES as readonly string[]).includes(visibility ?? '')) return { status: 'ignored', reason: `visibility ${visibility ?? 'unknown'}` };
  if (item.ContentType && !TEXT_TYPES.has(item.ContentType)) return { status: 'ignored', reason: `content type ${item.ContentType}` };
  const text = item.Content?.trim() ?? '';
  if (text === '') return { status: 'ignored', reason: 'empty message' };

  const contactKey = item.InitialContactId || item.ContactId;
  const link = await deps.links.get(contactKey);
  if (!link) {
    deps.log.warn('counselor message on a contact the gateway did not start', { contactKey });
    return { status: 'ignored', reason: 'unknown contact' };
  }
  const replyId = replyIdForChatItem(item.Id);
  let reply: Reply;
  try {
    reply = await sendReply(deps.reply, {
      complaintId: link.complaintId,
      counselor: `connect-${item.ParticipantId ?? 'agent'}`,
      textKo: text,
      replyId,
    });
  } catch (error) {
    // Retrying cannot help: the citizen wrote from a short code or an alphanumeric sender id.
    if (!(error instanceof UnreachableCitizenError)) throw error;
    deps.log.warn('counselor message not relayed: the citizen cannot be reached', { complaintId: link.complaintId, replyId });
    return { status: 'ignored', reason: error.message };
  }
  if (!isReplySettled(reply)) throw new ReplyNotDeliveredError(`reply ${replyId} is ${reply.delivery}; retrying the stream message`);
  return { status: 'relayed', reply };
}
