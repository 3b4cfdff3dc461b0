export interface SmsSendRequest {
  /** E.164 destination. */
  to: string;
  body: string;
  /** Stable id of the reply, so a retried send can be recognised. */
  idempotencyKey: string;
}

/** Twilio Messages API, AWS End User Messaging SendTextMessage, or the local outbox. */
export interface SmsSender {
  readonly name: string;
  send(request: SmsSendRequest): Promise<{ providerMessageId: string }>;
}
