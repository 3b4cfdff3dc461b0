/*
 * What the citizens' status lookup (GET /public/status, and a status keyword texted in) needs
 * beyond the complaint table: a guard against guessing (a per-receipt lock after repeated
 * failures, a per-source rate limit), and the access record every lookup leaves.
 */

/** Failures counted against one receipt number in the current window, and the lock they led to. */
export interface ReceiptFailures {
  failures: number;
  /** When the current counting window began (the first failure in it). */
  windowStart: string;
  /** Lookups of this receipt number are refused until then. */
  lockedUntil?: string;
}

export interface LookupGuard {
  /** Counts one lookup from a source (a keyed hash of its address or number) in its fixed window; false once the window is full. */
  admitSource(sourceKey: string, window: { start: number; lengthMs: number; limit: number }): Promise<boolean>;
  /** The receipt number's failure state; null when it has none. */
  receiptFailures(receiptNo: string): Promise<ReceiptFailures | null>;
  /**
   * Replaces the receipt number's failure state by `next(current)`, conditional on it being
   * unchanged since read (retried on a race), so concurrent failures from many sources all count.
   */
  updateReceiptFailures(receiptNo: string, next: (current: ReceiptFailures | null) => ReceiptFailures): Promise<ReceiptFailures>;
}

export type LookupOutcome = 'found' | 'not_found' | 'locked';

/** One lookup as the audit trail records it: who is never known, so only where from and what. */
export interface LookupRecord {
  /** API Gateway's request id, or the status text's message id. */
  requestId: string;
  at: string;
  /** Source address of a web lookup; absent for a text message. */
  sourceIp?: string;
  /** The route template of a web lookup. */
  route?: string;
  outcome: LookupOutcome;
  /** The complaint the receipt number named, found or not proved. */
  complaintId?: string;
  /** The citizen whose data was shown (found only). */
  citizenKeyHash?: string;
}

export interface LookupRecorder {
  record(entry: LookupRecord): Promise<void>;
}
