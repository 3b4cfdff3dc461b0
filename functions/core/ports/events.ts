/** Change notifications (EventBridge in AWS, in-process locally); never DynamoDB Streams. */
export type DomainEvent =
  | { type: 'complaint.created'; complaintId: string; receiptNo: string; channel: string; language: string; at: string }
  | { type: 'message.stored'; complaintId: string; messageId: string; channel: string; at: string }
  | { type: 'message.translated'; complaintId: string; messageId: string; at: string }
  | { type: 'reply.sent'; complaintId: string; replyId: string; channel: string; at: string }
  | DeadlineExtendedEvent
  | StatusChangedEvent
  | ComplaintUpdatedEvent
  | { type: 'complaint.satisfaction_recorded'; complaintId: string; what: 'asked' | 'answered' | 'declined'; at: string }
  | { type: 'reservation.changed'; reservationId: string; status: string; at: string }
  | { type: 'happy_call.changed'; registrationId: string; slot: string; at: string };

/**
 * A complaint's status history gained an entry that changed its status (complaint-lifecycle.ts,
 * contact events). Published at least once by the writer whose entry it is; statistics and the
 * satisfaction survey consume it. `actor` is the kind only (counselor, citizen, system, connect).
 */
export interface StatusChangedEvent {
  type: 'complaint.status_changed';
  complaintId: string;
  channel: string;
  version: number;
  from: string | null;
  to: string;
  actor: string;
  at: string;
}

/**
 * A history entry changed the complaint but not its status (a new petition type, hence a new due
 * time; a new category or agency): statistics refresh the complaint. An extension announces itself as deadline_extended.
 */
export interface ComplaintUpdatedEvent {
  type: 'complaint.updated';
  complaintId: string;
  channel: string;
  version: number;
  what: 'petition-type' | 'assignment';
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

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
