import type { InboundMessage } from '../../schemas/inbound-message.ts';

/*
 * Which open complaint a new message joins is looked up by (channel, thread key). On most
 * channels a citizen has one conversation with the city, so the key is their handle's hash.
 * On X a citizen may hold several public conversations at once (one per post they mention the
 * city in), and a reply under one post is not about another: there the key is the author and
 * the conversation id (X's id of the conversation's first post). ADR 0004, "Threading".
 *
 * An Open311 service request (web) is a report of its own, never a follow-up of an earlier one:
 * its key is the request itself, so every request founds its complaint.
 *
 * The key only names the open-complaint pointer. The complaint itself keeps the plain citizen
 * hash, so the citizen's history (gsi3) still lists every conversation.
 */
export function threadKeyFor(
  message: Pick<InboundMessage, 'channel' | 'conversationRef'> & Partial<Pick<InboundMessage, 'providerMessageId'>>,
  citizenHash: string,
): string {
  if (message.channel === 'x' && message.conversationRef) return `${citizenHash}#conv#${message.conversationRef}`;
  if (message.channel === 'web' && message.providerMessageId) return `${citizenHash}#request#${message.providerMessageId}`;
  return citizenHash;
}
