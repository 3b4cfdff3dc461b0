/** Change notifications (EventBridge in AWS, in-process locally); never DynamoDB Streams. */
export type DomainEvent =
  | { type: 'complaint.created'; complaintId: string; receiptNo: string; channel: string; language: string; at: string }
  | { type: 'message.stored'; complaintId: string; messageId: string; channel: string; at: string }
  | { type: 'message.translated'; complaintId: string; messageId: string; at: string }
  | { type: 'reply.sent'; complaintId: string; replyId: string; channel: string; at: string };

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
