import type { Channel } from '../../../schemas/inbound-message.ts';
import type { Complaint, ComplaintStatus, DeliveryReceipt, LanguageCode, Message, Reply, SmsNoticeConsent, StatusEvent, Translation } from '../model.ts';

/**
 * The complaint table as the use cases see it. Every write is one conditional put or
 * update (no transactions, no streams), and each returns whether it took effect, so the
 * use cases can converge after a crash between any two writes.
 * See docs/adr/0002-single-table-design.md.
 */

/** A complaint with its status version: the number of the last status event applied to it. */
export interface VersionedComplaint extends Complaint {
  statusVersion: number;
}

/** Status events carry the version they move the complaint to; eventId is derived from it. */
export interface VersionedStatusEvent extends StatusEvent {
  version: number;
}

/**
 * Per citizen and channel: the complaint a new message from them should join. Written
 * before the complaint itself (it is the lock that keeps two concurrent first messages from
 * founding two complaints), so it carries the complaint as its founder will create it and
 * anyone who finds the complaint missing can finish creating it identically.
 */
export interface OpenComplaintPointer {
  channel: Channel;
  citizenHash: string;
  complaintId: string;
  foundingMessageId: string;
  complaint: VersionedComplaint;
}

/**
 * Per message: the first write of intake for that message. Once it exists, the complaint
 * it names is final for the message whatever redeliveries follow.
 */
export interface MessageClaim {
  messageId: string;
  complaintId: string;
  /** The number the complaint answers to (its first message's). */
  complaintReceiptNo: string;
  /** This message's own number (equal to the above for a founding message). */
  messageReceiptNo: string;
  newComplaint: boolean;
  /** Present when the complaint may not exist yet: whoever resumes creates it from this. */
  complaint?: VersionedComplaint;
  claimedAt: string;
  /** Set after every intake step for the message has run; later deliveries are duplicates. */
  completedAt?: string;
}

export interface ComplaintDetail {
  complaint: VersionedComplaint;
  /** Oldest first. */
  messages: Message[];
  /** Oldest first (by version). */
  statusEvents: VersionedStatusEvent[];
  /** Oldest first. */
  replies: Reply[];
}

export interface ComplaintListQuery {
  channel?: Channel;
  status?: ComplaintStatus;
  language?: LanguageCode;
  /** Exact category name. */
  category?: string;
  /** Inclusive lower bound on createdAt (UTC ISO). */
  createdFrom?: string;
  /** Exclusive upper bound on createdAt (UTC ISO). */
  createdBefore?: string;
  limit: number;
  /** Opaque, from a previous page's nextCursor with the same filter. */
  cursor?: string;
  /** `due`: open complaints only, earliest due time in force first (the open-by-due index). */
  order: 'newest' | 'oldest' | 'due';
}

export interface ComplaintPage {
  items: VersionedComplaint[];
  nextCursor?: string;
}

/** A cursor that was not produced by the repository (tampered or from another filter). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

export interface ReplyDeliveryUpdate {
  delivery: Reply['delivery'];
  textSent?: string;
  language?: Reply['language'];
  translation?: Reply['translation'];
  translationAttempts?: number;
  charsetFallback?: Reply['charsetFallback'];
  providerMessageId?: string;
  deliveredOtherwise?: Reply['deliveredOtherwise'];
  /** Cleared when absent. */
  lastError?: string;
  at: string;
}

export interface ComplaintRepository {
  // Intake
  getMessageClaim(messageId: string): Promise<MessageClaim | null>;
  /** Conditional on no claim for the message; false when one exists. */
  putMessageClaim(claim: MessageClaim): Promise<boolean>;
  markMessageClaimCompleted(messageId: string, at: string): Promise<void>;
  getOpenPointer(channel: Channel, citizenHash: string): Promise<OpenComplaintPointer | null>;
  /**
   * Conditional: when `replacing` is null, on no pointer existing; otherwise on the current
   * pointer naming complaint `replacing`. False when the condition fails.
   */
  putOpenPointer(pointer: OpenComplaintPointer, replacing: string | null): Promise<boolean>;
  /** Conditional on the complaint not existing; false when it does. */
  createComplaint(complaint: VersionedComplaint): Promise<boolean>;
  getComplaint(complaintId: string): Promise<VersionedComplaint | null>;
  /** Moves lastMessageAt/updatedAt forward (never back). */
  recordMessageActivity(complaintId: string, at: string): Promise<void>;
  /**
   * Receipt number -> complaint, conditional on the number being free. Returns the complaint
   * id the number resolves to afterwards (another id means a hash collision).
   */
  putReceiptAlias(receiptNo: string, complaintId: string): Promise<string>;
  findComplaintIdByReceipt(receiptNo: string): Promise<string | null>;
  /** Conditional on the message not existing; false when it does. */
  putMessage(message: Message): Promise<boolean>;
  getMessage(complaintId: string, messageId: string): Promise<Message | null>;
  /**
   * Conditional on the stored translation still being pending after `expectedAttempts`
   * attempts, so duplicate deliveries of one translate envelope record (and re-enqueue) once.
   */
  updatePendingTranslation(complaintId: string, messageId: string, translation: Translation, expectedAttempts: number): Promise<boolean>;

  // Status lifecycle
  /** Conditional on no event with that version; false when the slot is taken. */
  putStatusEvent(event: VersionedStatusEvent): Promise<boolean>;
  getStatusEvent(complaintId: string, version: number): Promise<VersionedStatusEvent | null>;
  /** Applies an event's `to`, conditional on the complaint being at `version - 1`. */
  applyStatusEvent(event: VersionedStatusEvent): Promise<boolean>;

  // Replies
  getReply(complaintId: string, replyId: string): Promise<Reply | null>;
  /** Conditional on no reply with that id; false when one exists. */
  putReply(reply: Reply): Promise<boolean>;
  /** Records a caller's consent to SMS notices on the complaint (the first one is kept); false when already recorded. */
  recordSmsNoticeConsent(complaintId: string, consent: SmsNoticeConsent): Promise<boolean>;
  /** Sets the complaint's language while it is still `und` (a call whose caller chose one later); false otherwise. */
  setLanguageIfUnknown(complaintId: string, language: LanguageCode): Promise<boolean>;
  /**
   * Takes the right to send a reply that is not sent yet (pending, awaiting translation, failed,
   * undeliverable or opted out; with `redeliver`, also one handed to a provider that reported it
   * undelivered) until
   * `leaseUntil`, unless another caller holds an unexpired lease; false then, or once it is sent.
   * updateReplyDelivery releases it.
   */
  claimReplySend(complaintId: string, replyId: string, at: string, leaseUntil: string, options?: { redeliver?: boolean }): Promise<boolean>;
  updateReplyDelivery(complaintId: string, replyId: string, update: ReplyDeliveryUpdate): Promise<void>;
  /**
   * Records a provider's report on one sent part: one conditional update, taking effect only when
   * no report of that part exists or the recorded one is earlier (lower DELIVERY_RANK). `stale`
   * when a later report is already recorded, `missing` when there is no such reply.
   */
  recordDeliveryReceipt(complaintId: string, replyId: string, receipt: DeliveryReceipt): Promise<'recorded' | 'stale' | 'missing'>;

  // Reads for the API
  getComplaintDetail(complaintId: string): Promise<ComplaintDetail | null>;
  listComplaints(query: ComplaintListQuery): Promise<ComplaintPage>;
  /** Newest first. */
  listComplaintsByCitizen(citizenHash: string, limit: number): Promise<VersionedComplaint[]>;
  /**
   * Open (received or in progress) complaints of a citizen on every channel, from the citizen
   * index (eventually consistent). `excludeComplaintId` leaves out the complaint the caller is
   * about to create or join, so a retried lookup answers the same.
   */
  countOpenComplaintsByCitizen(citizenHash: string, options?: { excludeComplaintId?: string }): Promise<number>;
}
