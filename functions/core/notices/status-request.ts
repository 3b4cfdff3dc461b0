import type { SmsStatusRequestedEvent } from '../ports/events.ts';
import { effectiveDueAt } from '../deadlines/due-at.ts';
import { CHAT_LANGUAGES, type ChatLanguage } from '../chat/model.ts';
import { citizenPhoneOf, type CitizenPhoneDeps } from '../status-lookup/citizen-phone.ts';
import { LOOKUP_POLICY, admitSource, type LookupPolicy } from '../status-lookup/guard.ts';
import type { LookupGuard, LookupRecorder } from '../status-lookup/ports.ts';
import { createNotice } from './create-notice.ts';
import type { NoticeDeps } from './deps.ts';
import type { Notice } from './model.ts';
import { noticeTexts } from './texts.ts';

export interface StatusRequestDeps extends NoticeDeps, CitizenPhoneDeps {
  guard: LookupGuard;
  recorder: LookupRecorder;
  policy?: LookupPolicy;
}

/**
 * Answers a status keyword texted in ("상태 20261205-XXXXX-XXXXX") once per message, by SMS, at
 * any hour (the citizen just asked). The number it came from is the proof: only a complaint of
 * that number is described; any other receipt number gets the same "not found" answer. Each
 * number is rate-limited like a web source, and every answer is recorded in the access trail.
 * The web lookup's receipt lock does not apply: it guards the four phone digits, which a text
 * from the number itself does not guess.
 */
export async function answerStatusRequest(deps: StatusRequestDeps, event: SmsStatusRequestedEvent): Promise<Notice | null> {
  const now = deps.clock.now();
  const noticeId = `sms:status_reply:${event.messageId}`;
  const existing = await deps.outbox.get(noticeId);
  if (!existing && !(await admitSource(deps.guard, `sms:${event.citizen.hash}`, now, deps.policy ?? LOOKUP_POLICY))) {
    deps.log.warn('status keyword not answered: too many from this number', { messageId: event.messageId });
    return null;
  }
  const complaintId = await deps.repository.findComplaintIdByReceipt(event.receiptNo);
  const complaint = complaintId ? await deps.repository.getComplaint(complaintId) : null;
  const phone = complaint ? await citizenPhoneOf(deps, complaint) : null;
  const own = complaint && phone?.hash === event.citizen.hash ? complaint : null;
  await deps.recorder.record({
    requestId: event.messageId,
    at: event.at,
    outcome: own ? 'found' : 'not_found',
    ...(complaint ? { complaintId: complaint.complaintId } : {}),
    ...(own ? { citizenKeyHash: own.citizen.hash } : {}),
  });
  const language: ChatLanguage = (CHAT_LANGUAGES as readonly string[]).includes(event.language) ? (event.language as ChatLanguage) : 'ko';
  const texts = own
    ? noticeTexts(language, { kind: 'status_reply', receiptNo: event.receiptNo, status: own.status, dueAt: effectiveDueAt(own) })
    : noticeTexts(language, { kind: 'status_unknown', receiptNo: event.receiptNo });
  return createNotice(deps, {
    noticeId,
    kind: 'status_reply',
    occurrence: event.messageId,
    route: 'sms',
    language,
    ...texts,
    exempt: true,
    ...(own ? { complaintId: own.complaintId } : {}),
    to: event.citizen,
  });
}
