import type { LanguageCode, Reply } from '../model.ts';

/*
 * Status notices: what the gateway tells a citizen, unasked, about their complaint (issue 12,
 * Civil Petitions Treatment Act: results and progress may be told by SMS). One outbox item per
 * (complaint, kind, occurrence), written with a conditional put before anything is sent, so a
 * redelivered event or a second sender never sends a notice twice. See docs/channels/notices.md.
 */

/**
 * - `taken_up`: a counselor took the complaint up (received → in_progress);
 * - `transferred`: the complaint was assigned to another agency;
 * - `answered`: the complaint was answered other than by a reply the citizen's own channel delivered;
 * - `closed`: processing finished;
 * - `deadline_extended`: the due time was extended (decree art. 21(3): the reason and the new date);
 * - `progress`: still open after 30 days (and every 30 days after);
 * - `status_reply`: the answer to a status keyword texted by the citizen ("상태 <receipt number>").
 */
export const NOTICE_KINDS = ['taken_up', 'transferred', 'answered', 'closed', 'deadline_extended', 'progress', 'status_reply'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How a notice reaches the citizen. X is public: it gets the answer (the reply itself) and nothing else. */
export type NoticeRoute = 'sms' | 'chat';

/** The languages notices are written in; a complaint whose language is unknown gets Korean. */
export type NoticeLanguage = Exclude<LanguageCode, 'und'>;

export type NoticeState =
  /** Written, not sent yet: waiting for its time (quiet hours) or for a sender. */
  | 'queued'
  | 'sent'
  /** The last attempt failed; retried by the sweeper until MAX_NOTICE_ATTEMPTS. */
  | 'failed'
  /** Never sent, for a reason (`skipReason`): opted out, superseded, gave up. Final. */
  | 'skipped';

/** `unreachable`: the provider refused the number for good (not a mobile: Twilio 21614). */
export type NoticeSkipReason = 'opted_out' | 'superseded' | 'attempts_exhausted' | 'unreachable';

export interface Notice {
  /** `<complaintId>:<kind>:<occurrence>`, or `sms:status_reply:<messageId>`: the idempotency key everywhere. */
  noticeId: string;
  /** Absent for a status reply about a receipt number that names no complaint of this citizen. */
  complaintId?: string;
  kind: NoticeKind;
  /** What makes this notice distinct from another of its kind: a status version, an extension number, 30-day periods, a message id. */
  occurrence: string;
  route: NoticeRoute;
  language: NoticeLanguage;
  /** The text as it will go out (receipt number included). */
  text: string;
  /**
   * The same notice in Korean, for a notice in another language: what goes to a handset that
   * cannot show that language (Twilio to South Korea: EUC-KR only; core/sms-charset.ts).
   */
  textKo?: string;
  /** The destination, sealed as on the complaint (never clear). */
  sealedTo: string;
  /** Keyed hash of the destination handle: the SMS preference (opt-out) is looked up by it. */
  citizenHash: string;
  /** For `transferred`: the agency named, so a later transfer supersedes this one. */
  agency?: string;
  createdAt: string;
  /** Not sent before this instant (08:00 KST after quiet hours). */
  notBefore: string;
  state: NoticeState;
  attempts: number;
  /** Comma-separated part ids of a notice sent in parts; '' for a part not sent yet. */
  providerMessageId?: string;
  /** Set when the handset could not show `text`: what went instead, and how it was adapted. */
  textSent?: string;
  charsetFallback?: NonNullable<Reply['charsetFallback']>;
  lastError?: string;
  skipReason?: NoticeSkipReason;
  /** When it left (or was skipped / given up). */
  settledAt?: string;
}

export const MAX_NOTICE_ATTEMPTS = 5;

export function noticeIdFor(complaintId: string, kind: NoticeKind, occurrence: string): string {
  return `${complaintId}:${kind}:${occurrence}`;
}

export function isNoticeSettled(notice: Pick<Notice, 'state'>): boolean {
  return notice.state === 'sent' || notice.state === 'skipped';
}

export function noticeLanguage(language: LanguageCode): NoticeLanguage {
  return language === 'und' ? 'ko' : language;
}
