import type { Channel, HandleKind, Provider } from '../../schemas/inbound-message.ts';
import type { PetitionType } from './deadlines/petition-types.ts';
import type { SatisfactionSurvey } from './satisfaction/model.ts';

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

/** A piece of personal data at rest: never the clear value in logs or API views. */
export interface ProtectedValue {
  /** Keyed hash (HMAC-SHA256, base64url) of the normalised value: lookups and GSI. */
  hash: string;
  /** Encrypted normalised value (so it can be used, e.g. replies sent), opaque string. */
  sealed: string;
  /** Masked for display, e.g. +82 10-****-5678. */
  masked: string;
}

/** Protected form of a citizen handle: never the clear value in logs or API views. */
export interface ProtectedHandle extends ProtectedValue {
  kind: HandleKind;
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
  /** The score of the satisfaction survey's answer (1-5), once answered. */
  satisfaction?: number;
  /** The satisfaction question, asked once after closing, and its answer. */
  satisfactionSurvey?: SatisfactionSurvey;
  confidential: boolean;
  /** Provider conversation ref (X conversation id) that threads this complaint. */
  conversationRef?: string;
  /** A caller agreed on the call to get status notices by SMS (voice only; docs/channels/notices.md). */
  smsNoticeConsent?: SmsNoticeConsent;
  /** The knowledge cases its Korean text matched best, computed once (docs/operations/knowledge.md). */
  suggestedCases?: SuggestedCase[];
  suggestedAt?: string;
  /** What an Open311 service request reports and where (web channel only). */
  report?: ServiceReport;
}

export interface SmsNoticeConsent {
  at: string;
  /** The Connect contact the caller consented on. */
  contactId: string;
}

/** A knowledge case suggested for a complaint: what the counselor sees before opening it. */
export interface SuggestedCase {
  caseId: string;
  title: string;
  /** 0..1: how much of the complaint's text the case covers, relative to the best. */
  score: number;
}

/** An Open311 service request's own fields, as stored on its complaint (docs/channels/open311.md). */
export interface ServiceReport {
  /** The Open311 service code (functions/core/open311/services.ts). */
  serviceCode: string;
  lat?: number;
  long?: number;
  /** The address as the citizen wrote it (public in Open311 views, masked there). */
  address?: string;
  attributes: Record<string, string[]>;
  /** Contact details besides the citizen handle, protected like it. */
  contact: { email?: ProtectedValue; name?: ProtectedValue };
  /** Name of the API key the request came with (the client app). */
  client: string;
  /** The request's own message (its description and photo), so listings read it in one batch. */
  messageId: string;
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
  /** The self-service answer the citizen wrote from ("this did not help"): its knowledge case id. */
  selfServiceCaseId?: string;
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
  /** Set when the entry changes the category or the responsible agency (the status stays: from = to). */
  assignment?: AssignmentChange;
}

/**
 * A new category and/or responsible agency (a transfer to a district office), with what each
 * replaced; a field left out is unchanged.
 */
export interface AssignmentChange {
  category?: string;
  previousCategory?: string;
  agency?: string;
  previousAgency?: string;
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

/**
 * How a reply's language was handled, shown to the counselor:
 * - `not_needed`: the citizen reads Korean (or their language is unknown), sent as written;
 * - `translated`: machine-translated from Korean into the citizen's language;
 * - `written_in_language`: the counselor wrote it in the citizen's language, sent as written;
 * - `korean_confirmed`: the counselor confirmed sending the Korean text untranslated;
 * - `awaiting`: held until a translation service answers (delivery `awaiting_translation`).
 */
export type ReplyTranslation = 'not_needed' | 'translated' | 'written_in_language' | 'korean_confirmed' | 'awaiting';

export type ReplyDelivery =
  | 'pending'
  /** Held: the citizen does not read Korean and no translation could be made yet; retried, never sent in Korean silently. */
  | 'awaiting_translation'
  /** Accepted by an SMS provider that reports delivery; not on the handset yet. */
  | 'queued'
  /** Handed on: to the carrier (SMS report), or pushed/posted on a channel without delivery reports. */
  | 'sent'
  /** The carrier reported every part on the handset. */
  | 'delivered'
  /** The provider or carrier reported a part undelivered or failed (`receipts` say which and why); can be retried. */
  | 'undelivered'
  /** The counselor reached the citizen another way after the reply was not delivered (`deliveredOtherwise`). */
  | 'delivered_otherwise'
  /** The citizen opted out of SMS from us (replied STOP); the reason in `lastError`. Reach them another way. */
  | 'opted_out'
  /** Our send call failed (provider error, network); can be retried. */
  | 'failed'
  | 'undeliverable';

/** A provider's report on one sent message (one part of a reply), in Twilio's vocabulary. */
export type ProviderDeliveryStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface DeliveryReceipt {
  providerMessageId: string;
  status: ProviderDeliveryStatus;
  /** The provider's error code (Twilio 30003, End User Messaging TEXT_CARRIER_UNREACHABLE). */
  errorCode?: string;
  /** twilio, aws-eum. */
  provider: string;
  /** When the report was recorded. */
  at: string;
}

/** Outbound reply record; the local outbox is a view over these. */
export interface Reply {
  replyId: string;
  complaintId: string;
  channel: Channel;
  createdAt: string;
  counselor: string;
  /** The text the counselor wrote: Korean unless `writtenIn` names another language. */
  textKo: string;
  /** Set when the counselor wrote in the citizen's language (foreign-language counselors). */
  writtenIn?: LanguageCode;
  /** Text sent to the citizen, in their language. */
  textSent: string;
  language: LanguageCode;
  delivery: ReplyDelivery;
  translation?: ReplyTranslation;
  /** Deferred translation attempts made for a held reply. */
  translationAttempts?: number;
  /**
   * Set when the destination handset could not show the text as written (Twilio to South Korea:
   * EUC-KR only) and `textSent` is what went instead: `folded` (no diacritics, closest letters),
   * `korean` (the Korean original with an English note), `stripped` (emoji dropped, '?' marks).
   */
  charsetFallback?: 'folded' | 'korean' | 'stripped';
  providerMessageId?: string;
  /** Delivery reports per sent part, from the provider's status callbacks or events. */
  receipts?: DeliveryReceipt[];
  deliveredOtherwise?: { counselor: string; note: string; at: string };
  lastError?: string;
}
