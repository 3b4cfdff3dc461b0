import type { Channel, HandleKind, Provider } from '../../schemas/inbound-message.ts';
import type { PetitionType } from './deadlines/petition-types.ts';

/** Complaint lifecycle. `received` and `in_progress` count as open for threading. */
export type ComplaintStatus = 'received' | 'in_progress' | 'answered' | 'closed';
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'in_progress'];
/**
 * Statuses a citizen's next message joins rather than opening a new complaint. An answered
 * complaint is still the conversation ("thank you", "it is not fixed yet"): the message
 * reopens it (answered -> in_progress). Only a closed complaint makes the next message a new one.
 */
export const THREADABLE_STATUSES: readonly ComplaintStatus[] = ['received', 'in_progress', 'answered'];

export type TranslationStatus =
  | 'not_needed' // Korean text: never sent to a translation service
  | 'pending' // stored, translation to be (re)tried
  | 'done'
  | 'unavailable' // no translation service configured (local runs)
  | 'failed'; // gave up after bounded retries

/** Language codes we route on; `und` when detection is not confident. */
export type LanguageCode = 'ko' | 'en' | 'zh' | 'ja' | 'vi' | 'mn' | 'und';

/** Protected form of a citizen handle: never the clear value in logs or API views. */
export interface ProtectedHandle {
  kind: HandleKind;
  /** Keyed hash (HMAC-SHA256, base64url) of the normalised handle: lookups and GSI. */
  hash: string;
  /** Encrypted normalised handle (so replies can be sent), opaque string. */
  sealed: string;
  /** Masked for display, e.g. +82 10-****-5678. */
  masked: string;
  /**
   * The handle did not normalise (a short code, an alphanumeric sender id, a malformed number):
   * the contact is kept, but nothing can be sent to it, so replies and notices are refused.
   */
  unverifiable?: true;
}

export interface Complaint {
  complaintId: string;
  receiptNo: string;
  channel: Channel;
  citizen: ProtectedHandle;
  language: LanguageCode;
  status: ComplaintStatus;
  category?: string;
  agency?: string;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
  /** Legal processing due date (ISO). */
  dueAt: string;
  // --- Petition type and deadline (docs/operations/deadlines.md); absent on complaints stored before them.
  petitionType?: PetitionType;
  /** The due time after an extension (decree art. 21); `dueAt` keeps the type's own. */
  extendedDueAt?: string;
  /** The latest extension of the deadline. */
  deadlineExtension?: DeadlineExtension;
  firstContactResolution?: boolean;
  satisfaction?: number;
  confidential: boolean;
  /** Provider conversation ref (X conversation id) that threads this complaint. */
  conversationRef?: string;
  /** A caller agreed on the call to get status notices by SMS (voice only; docs/channels/notices.md). */
  smsNoticeConsent?: SmsNoticeConsent;
}

export interface SmsNoticeConsent {
  at: string;
  /** The Connect contact the caller consented on. */
  contactId: string;
}

export interface StoredAttachment {
  /** Object key in the media bucket / local media folder; never inline bytes. */
  key: string;
  contentType: string;
  sizeBytes: number;
}

export interface RefusedAttachment {
  contentType: string;
  reason: string;
}

export interface Translation {
  status: TranslationStatus;
  /** Korean text, when status is done. */
  text?: string;
  /** amazon-translate, libretranslate, ... */
  provider?: string;
  attempts: number;
  lastError?: string;
  updatedAt: string;
}

export interface Message {
  messageId: string;
  complaintId: string;
  direction: 'inbound' | 'outbound';
  channel: Channel;
  provider: Provider;
  providerMessageId: string;
  receivedAt: string;
  /** Original text exactly as received (byte for byte). */
  text: string;
  /** True when longer than the promised 1,000 characters (stored whole). */
  overLength: boolean;
  language: LanguageCode;
  translation: Translation;
  attachments: StoredAttachment[];
  refusedAttachments: RefusedAttachment[];
  /** Set when the provider content was removed (X deletion); the contact record stays. */
  redactedAt?: string;
  /** When the intake wrote this item (absent on items written before it was recorded). */
  storedAt?: string;
  /** X: the author edited the post; `text` is the newest version, each edit keeps the text it replaced. */
  edits?: MessageEdit[];
}

export interface MessageEdit {
  /** The provider's id of the new version (X gives every edit a new post id). */
  tweetId: string;
  /** The text before this edit. */
  previousText: string;
  editedAt: string;
}

export interface StatusEvent {
  complaintId: string;
  eventId: string;
  at: string;
  /** 'system', 'counselor:<id>', 'connect', ... */
  actor: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  reason: string;
  /** Id of the external event this entry records (an Amazon Connect contact event), for deduplication. */
  sourceEventId?: string;
  /** Set when the entry changes the petition type or the deadline (the status stays: from = to). */
  deadline?: DeadlineChange;
}

export interface DeadlineExtension {
  /** 1 or 2: the decree allows one extension, and a second one with the citizen's consent. */
  count: number;
  reason: string;
  actor: string;
  at: string;
  citizenConsent: boolean;
}

/** What a deadline entry sets on the complaint, and what it replaced (for the history). */
export interface DeadlineChange {
  kind: 'petition-type-changed' | 'deadline-extended';
  petitionType: PetitionType;
  previousPetitionType?: PetitionType;
  dueAt: string;
  /** Absent when the entry leaves the deadline unextended (a type change clears an extension). */
  extendedDueAt?: string;
  extension?: DeadlineExtension;
  /** The due time in force before the entry. */
  previousDueAt: string;
}

/** Outbound reply record; the local outbox is a view over these. */
export interface Reply {
  replyId: string;
  complaintId: string;
  channel: Channel;
  createdAt: string;
  counselor: string;
  /** Korean text the counselor wrote. */
  textKo: string;
  /** Text sent to the citizen, in their language. */
  textSent: string;
  language: LanguageCode;
  delivery: 'pending' | 'sent' | 'failed' | 'undeliverable';
  providerMessageId?: string;
  lastError?: string;
}
