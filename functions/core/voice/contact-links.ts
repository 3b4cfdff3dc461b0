import type { Channel } from '../../../schemas/inbound-message.ts';

/**
 * An Amazon Connect contact the gateway started for a complaint of another channel (a chat
 * contact or task in the agent workspace). Contact events and the chat message stream name only
 * the contact; this link leads back to the complaint.
 */
export interface ConnectContactLink {
  contactId: string;
  complaintId: string;
  /** The gateway message the contact was started for (its ClientToken). */
  messageId: string;
  channel: Channel;
  kind: 'chat' | 'task';
  startedAt: string;
}

export interface ConnectContactLinks {
  /** Idempotent: a repeated put for the same contact keeps the first link. */
  put(link: ConnectContactLink): Promise<void>;
  get(contactId: string): Promise<ConnectContactLink | null>;
}
