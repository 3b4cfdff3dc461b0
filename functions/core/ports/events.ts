import type { LanguageCode } from '../model.ts';

/** Change notifications (EventBridge in AWS, in-process locally); never DynamoDB Streams. */
export type DomainEvent =
  | { type: 'complaint.created'; complaintId: string; receiptNo: string; channel: string; language: string; at: string }
  | { type: 'message.stored'; complaintId: string; messageId: string; channel: string; at: string }
  | { type: 'message.translated'; complaintId: string; messageId: string; at: string }
  | { type: 'reply.sent'; complaintId: string; replyId: string; channel: string; at: string }
  | PushRequestedEvent
  | DeadlineExtendedEvent
  | ComplaintStatusChangedEvent
  | SmsStatusRequestedEvent;

/**
 * An entry was appended to a complaint's status history (ADR 0002: the event log is the truth).
 * Published at least once: a retried request publishes again with the same `version`, which
 * identifies the entry. `agency`/`previousAgency` are set when the entry moved the complaint to
 * another agency (a transfer, which may keep the status: `from` = `to`). Deadline entries are not
 * announced here (`complaint.deadline_extended` is theirs).
 */
export interface ComplaintStatusChangedEvent {
  type: 'complaint.status_changed';
  complaintId: string;
  receiptNo: string;
  channel: string;
  version: number;
  from: string | null;
  to: string;
  actor: string;
  at: string;
  agency?: string;
  previousAgency?: string;
}

/**
 * A citizen texted a status keyword and a receipt number ("상태 20261205-XXXXX-XXXXX"): no
 * complaint is opened, the notice function answers. The sender is named only by the keyed hash
 * and the sealed form of their number, as on a complaint.
 */
export interface SmsStatusRequestedEvent {
  type: 'sms.status_requested';
  messageId: string;
  receiptNo: string;
  citizen: { hash: string; sealed: string };
  /** The language the keyword was written in: the answer's. */
  language: string;
  at: string;
}

/**
 * The deadline was extended: the citizen must be told why and the new date (decree art. 21(3)).
 * Published at least once; `extensionNumber` tells a repeat from a second extension.
 */
export interface DeadlineExtendedEvent {
  type: 'complaint.deadline_extended';
  complaintId: string;
  receiptNo: string;
  channel: string;
  language: string;
  petitionType: string;
  extensionNumber: number;
  /** The new due time (UTC ISO). */
  dueAt: string;
  reason: string;
  at: string;
}

/**
 * A chat reply nobody was online for should also go by Web Push: the chat push sender
 * (chat-push-sender) reads the waiting reply and sends it (docs/adr/0028-pwa-web-push.md). Ids
 * only, no text: the reply is read from the chat's waiting replies. Published at least once; the
 * push outbox sends once per (key, subscription).
 */
export interface PushRequestedEvent {
  type: 'reply.push_requested';
  complaintId: string;
  replyId: string;
  /** The chat account (ADR 0006): a handle, the key of its subscriptions. */
  accountId: string;
  /** The reply's idempotency key: the waiting reply's id and the push outbox key. */
  key: string;
  language: LanguageCode;
  at: string;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
