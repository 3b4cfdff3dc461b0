import * as z from '../../../schemas/zod-mini.ts';
import { CHAT_LANGUAGES } from '../chat/model.ts';
import { noticeLanguage, type NoticeLanguage } from '../notices/model.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { normalizeReceiptNo } from '../receipt.ts';
import { citizenPhoneOf, lastFourDigits, type CitizenPhoneDeps } from './citizen-phone.ts';
import { LOOKUP_POLICY, admitSource, countFailure, lockedUntil, type LookupPolicy } from './guard.ts';
import type { LookupGuard, LookupRecorder } from './ports.ts';
import { publicStatusView, type PublicStatusView } from './public-status.ts';

export interface StatusLookupDeps extends CitizenPhoneDeps {
  repository: ComplaintRepository;
  guard: LookupGuard;
  recorder: LookupRecorder;
  clock: Clock;
  log: Log;
  policy?: LookupPolicy;
}

/** The lookup's query string; empty values count as absent. */
export const StatusLookupQuerySchema = z.object({
  receiptNo: z.string().check(z.maxLength(64)),
  phoneLast4: z.string().check(z.regex(/^\s*\d{4}\s*$/, 'phoneLast4 is the last four digits of the phone number')),
  lang: z.optional(z.enum(CHAT_LANGUAGES)),
});
export type StatusLookupQuery = z.infer<typeof StatusLookupQuerySchema>;

export interface StatusLookupRequest {
  query: StatusLookupQuery;
  requestId: string;
  at: string;
  sourceIp: string;
  route: string;
}

export type StatusLookupResult =
  | { kind: 'found'; view: PublicStatusView }
  /** The same answer for an unknown receipt number and a wrong receipt/phone pair. */
  | { kind: 'not_found' }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'invalid'; message: string };

/**
 * A citizen's status lookup by receipt number and the last four digits of their phone number.
 * Unknown receipts and wrong pairs are indistinguishable; wrong pairs count against the receipt
 * number (5 in 15 minutes lock it for 15 minutes, across every container: the count is stored),
 * each source address is rate-limited, and every lookup that reaches the table is recorded in the
 * access trail before its answer leaves.
 */
export async function lookupStatus(deps: StatusLookupDeps, request: StatusLookupRequest): Promise<StatusLookupResult> {
  const policy = deps.policy ?? LOOKUP_POLICY;
  const now = deps.clock.now();
  const receiptNo = normalizeReceiptNo(request.query.receiptNo);
  if (!receiptNo) return { kind: 'invalid', message: 'receiptNo is not a receipt number (YYYYMMDD-XXXXX-XXXXX)' };
  const last4 = request.query.phoneLast4.trim();

  if (!(await admitSource(deps.guard, `ip:${deps.pii.hash(`ip:${request.sourceIp}`)}`, now, policy))) {
    return { kind: 'rate_limited', retryAfterSeconds: Math.ceil((policy.sourceWindowMs - (now.getTime() % policy.sourceWindowMs)) / 1000) };
  }
  const record = { requestId: request.requestId, at: request.at, sourceIp: request.sourceIp, route: request.route };
  const locked = lockedUntil(await deps.guard.receiptFailures(receiptNo), now);
  if (locked) {
    await deps.recorder.record({ ...record, outcome: 'locked' });
    return { kind: 'locked', retryAfterSeconds: Math.ceil((Date.parse(locked) - now.getTime()) / 1000) };
  }

  const complaintId = await deps.repository.findComplaintIdByReceipt(receiptNo);
  const complaint = complaintId ? await deps.repository.getComplaint(complaintId) : null;
  const phone = complaint ? await citizenPhoneOf(deps, complaint) : null;
  const detail = phone && lastFourDigits(phone.masked) === last4 && complaint ? await deps.repository.getComplaintDetail(complaint.complaintId) : null;
  if (!complaint || !phone || !detail) {
    const lockedNow = await countFailure(deps.guard, receiptNo, now, policy);
    if (lockedNow) deps.log.warn('status lookup: receipt number locked after repeated failures', { complaintId: complaint?.complaintId });
    await deps.recorder.record({ ...record, outcome: 'not_found', ...(complaint ? { complaintId: complaint.complaintId } : {}) });
    return { kind: 'not_found' };
  }
  const language: NoticeLanguage = request.query.lang ?? noticeLanguage(complaint.language);
  await deps.recorder.record({ ...record, outcome: 'found', complaintId: complaint.complaintId, citizenKeyHash: complaint.citizen.hash });
  return { kind: 'found', view: publicStatusView(detail, language) };
}
