export interface SmsSendRequest {
  /** E.164 destination. */
  to: string;
  body: string;
  /** Stable id of the message (reply part), so a retried send can be recognised. */
  idempotencyKey: string;
  /** The reply this message is (part of): delivery reports are tied back to it. */
  replyRef?: { complaintId: string; replyId: string };
}

export interface SmsSendResult {
  providerMessageId: string;
  /** True when the provider will report delivery (Twilio StatusCallback, End User Messaging events). */
  awaitsDeliveryReport?: boolean;
}

/** Twilio Messages API, AWS End User Messaging SendTextMessage, or the local outbox. */
export interface SmsSender {
  readonly name: string;
  send(request: SmsSendRequest): Promise<SmsSendResult>;
}
