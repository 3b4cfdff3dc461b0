import type { Message } from '../model.ts';
import { kstDay } from '../kst.ts';
import { counters } from './counters.ts';
import type { Contribution } from './model.ts';

/** A contact is an inbound message, counted on the KST day it was received. */
export type ContactFacts = Pick<Message, 'messageId' | 'complaintId' | 'direction' | 'channel' | 'language' | 'receivedAt'>;

export function messageContribution(message: ContactFacts): Contribution {
  return {
    ref: { kind: 'message', complaintId: message.complaintId, messageId: message.messageId },
    entityId: message.messageId,
    bucket: { day: kstDay(message.receivedAt), kind: 'contacts' },
    counters:
      message.direction === 'inbound'
        ? counters({ contacts: 1, [`channel.${message.channel}`]: 1, [`language.${message.language}`]: 1 })
        : counters({}),
  };
}
