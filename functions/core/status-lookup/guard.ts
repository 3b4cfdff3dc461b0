import type { LookupGuard, ReceiptFailures } from './ports.ts';

/**
 * How hard guessing is made. The receipt lock is what protects a citizen: the phone digits are
 * only 10,000 guesses, so a receipt number takes at most 5 wrong ones per 15 minutes, whoever
 * sends them and from wherever. The per-source limit only keeps one address from sweeping many
 * receipt numbers; it is generous, as Korean mobile carriers put many phones behind one address.
 */
export interface LookupPolicy {
  maxFailures: number;
  failureWindowMs: number;
  lockMs: number;
  sourceLimit: number;
  sourceWindowMs: number;
}

export const LOOKUP_POLICY: Readonly<LookupPolicy> = {
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  sourceLimit: 60,
  sourceWindowMs: 10 * 60_000,
};

/** The instant until which the receipt number is locked, or null. */
export function lockedUntil(state: ReceiptFailures | null, now: Date): string | null {
  return state?.lockedUntil && Date.parse(state.lockedUntil) > now.getTime() ? state.lockedUntil : null;
}

/**
 * One more failure: counted in the window begun by the first failure (a failure after the window
 * starts a new one); the last allowed one locks the receipt number and starts counting afresh.
 */
export function withFailure(state: ReceiptFailures | null, now: Date, policy: LookupPolicy = LOOKUP_POLICY): ReceiptFailures {
  const at = now.toISOString();
  const fresh = !state || Date.parse(state.windowStart) + policy.failureWindowMs <= now.getTime();
  const failures = fresh ? 1 : state.failures + 1;
  if (failures >= policy.maxFailures) return { failures: 0, windowStart: at, lockedUntil: new Date(now.getTime() + policy.lockMs).toISOString() };
  return { failures, windowStart: fresh ? at : state.windowStart, ...(state?.lockedUntil ? { lockedUntil: state.lockedUntil } : {}) };
}

/** Counts a failed lookup of the receipt number; the lock it led to, if this failure locked it. */
export async function countFailure(guard: LookupGuard, receiptNo: string, now: Date, policy: LookupPolicy = LOOKUP_POLICY): Promise<string | null> {
  const next = await guard.updateReceiptFailures(receiptNo, (current) => withFailure(current, now, policy));
  return lockedUntil(next, now);
}

/** Whether one more lookup from this source fits its window. */
export function admitSource(guard: LookupGuard, sourceKey: string, now: Date, policy: LookupPolicy = LOOKUP_POLICY): Promise<boolean> {
  const start = now.getTime() - (now.getTime() % policy.sourceWindowMs);
  return guard.admitSource(sourceKey, { start, lengthMs: policy.sourceWindowMs, limit: policy.sourceLimit });
}
