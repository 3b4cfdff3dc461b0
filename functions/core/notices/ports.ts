import type { Notice, NoticeSkipReason } from './model.ts';

/** What one send attempt came to; `settle` records it and releases the send lease. */
export interface NoticeOutcome {
  state: 'sent' | 'failed' | 'skipped';
  attempts: number;
  at: string;
  providerMessageId?: string;
  textSent?: string;
  charsetFallback?: Notice['charsetFallback'];
  lastError?: string;
  skipReason?: NoticeSkipReason;
}

/** A notice waiting for the sweeper: its time, and which notice. */
export interface ScheduledNotice {
  noticeId: string;
  notBefore: string;
}

/**
 * The notice outbox, in the complaint table (docs/adr/0026-citizen-notices-status-notices.md):
 * one item per notice, written once, and a schedule entry per notice not yet settled, which the
 * sweeper reads by the KST day it falls due. Every write is one conditional put or update.
 */
export interface NoticeOutbox {
  /** Conditional on no notice with that id: false when one exists (a redelivered event, a second planner). */
  put(notice: Notice): Promise<boolean>;
  get(noticeId: string): Promise<Notice | null>;
  /** The send lease (core/send-lease.ts) on a notice still queued or failed; false while another holds it, or once settled. */
  claimSend(noticeId: string, at: string, until: string): Promise<boolean>;
  settle(noticeId: string, outcome: NoticeOutcome): Promise<void>;
  /** Puts the notice on the sweeper's schedule (idempotent). */
  schedule(entry: ScheduledNotice): Promise<void>;
  /** Takes it off again once it is settled. */
  unschedule(entry: ScheduledNotice): Promise<void>;
  /** Scheduled notices due at `now`, from the last `lookbackDays` KST days, oldest first, at most `limit`. */
  due(now: string, lookbackDays: number, limit: number): Promise<ScheduledNotice[]>;
}
