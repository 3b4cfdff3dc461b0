import type { SmsCharset } from '../sms-charset.ts';

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

/**
 * Both providers refuse bodies over 1,600 characters: Twilio's Messages resource (error 21617)
 * and End User Messaging's SendTextMessage (MessageBody length 1..1600 in the service model).
 */
export const PROVIDER_MAX_BODY_CHARS = 1600;

/** Twilio Messages API, AWS End User Messaging SendTextMessage, or the local outbox. */
export interface SmsSender {
  readonly name: string;
  /** What the destination's handset can be sent through this provider (smsCharsetFor); Unicode when absent. */
  charsetFor?(to: string): SmsCharset;
  /** The longest body the provider accepts, in UTF-16 code units; longer replies are sent in parts. */
  readonly maxBodyUnits: number;
  send(request: SmsSendRequest): Promise<SmsSendResult>;
}

/**
 * The provider refused this recipient for a known reason that retrying cannot change: the number
 * opted out (replied STOP: Twilio 21610, End User Messaging DESTINATION_PHONE_NUMBER_OPTED_OUT) or
 * is not a mobile (Twilio 21614). Messages never contain the number.
 */
export class SmsRecipientRefusedError extends Error {
  override readonly name = 'SmsRecipientRefusedError';
  constructor(
    readonly reason: 'opted_out' | 'not_mobile',
    readonly provider: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Provider error codes that mean the recipient opted out of messages from us. */
export const OPT_OUT_CODES: ReadonlySet<string> = new Set(['21610', 'DESTINATION_PHONE_NUMBER_OPTED_OUT']);
