/** Change notifications (EventBridge in AWS, in-process locally); never DynamoDB Streams. */
export type DomainEvent =
  | { type: 'complaint.created'; complaintId: string; receiptNo: string; channel: string; language: string; at: string }
  | { type: 'message.stored'; complaintId: string; messageId: string; channel: string; at: string }
  | { type: 'message.translated'; complaintId: string; messageId: string; at: string }
  | { type: 'reply.sent'; complaintId: string; replyId: string; channel: string; at: string }
  | DeadlineExtendedEvent;

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
