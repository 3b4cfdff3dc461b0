import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import { deliverNotice } from './deliver-notice.ts';
import type { NoticeDeps } from './deps.ts';
import { isNoticeSettled, noticeIdFor, type Notice, type NoticeKind, type NoticeLanguage, type NoticeRoute } from './model.ts';
import { noticeNotBefore } from './quiet-hours.ts';

export interface NoticeDraft {
  kind: NoticeKind;
  occurrence: string;
  route: NoticeRoute;
  language: NoticeLanguage;
  text: string;
  /** The Korean text of a notice in another language (Notice.textKo). */
  textKo?: string;
  /** Sent even in quiet hours: the answer itself, a status the citizen just asked for. */
  exempt: boolean;
  agency?: string;
  /** Set on notices about a complaint; a status reply about no complaint of the citizen has none. */
  complaintId?: string;
  /** Defaults to complaint-scoped `<complaintId>:<kind>:<occurrence>`. */
  noticeId?: string;
  to: { sealed: string; hash: string };
}

/** A draft addressed to the complaint's citizen, on the complaint's notice route. */
export function complaintDraft(complaint: VersionedComplaint, route: NoticeRoute, draft: Omit<NoticeDraft, 'route' | 'to' | 'complaintId'>): NoticeDraft {
  return { ...draft, route, complaintId: complaint.complaintId, to: { sealed: complaint.citizen.sealed, hash: complaint.citizen.hash } };
}

/**
 * Writes the notice into the outbox exactly once (conditional put on its id), puts it on the
 * sweeper's schedule, and sends it now when it is due. Repeating the call (a redelivered event,
 * a crash between any two steps) finds the notice written and only finishes what is missing.
 */
export async function createNotice(deps: NoticeDeps, draft: NoticeDraft): Promise<Notice | null> {
  const now = deps.clock.now();
  const noticeId = draft.noticeId ?? noticeIdFor(draft.complaintId ?? 'none', draft.kind, draft.occurrence);
  const fresh: Notice = {
    noticeId,
    ...(draft.complaintId ? { complaintId: draft.complaintId } : {}),
    kind: draft.kind,
    occurrence: draft.occurrence,
    route: draft.route,
    language: draft.language,
    text: draft.text,
    ...(draft.textKo !== undefined && draft.language !== 'ko' ? { textKo: draft.textKo } : {}),
    sealedTo: draft.to.sealed,
    citizenHash: draft.to.hash,
    ...(draft.agency !== undefined ? { agency: draft.agency } : {}),
    createdAt: now.toISOString(),
    notBefore: noticeNotBefore(now, { exempt: draft.exempt }).toISOString(),
    state: 'queued',
    attempts: 0,
  };
  const notice = (await deps.outbox.put(fresh)) ? fresh : await deps.outbox.get(noticeId);
  if (!notice || isNoticeSettled(notice)) return notice;
  // Scheduled before the first attempt: whatever happens to this call, the sweeper finds it.
  await deps.outbox.schedule({ noticeId, notBefore: notice.notBefore });
  if (notice === fresh) deps.log.info('notice planned', { noticeId, kind: notice.kind, route: notice.route, held: notice.notBefore !== fresh.createdAt });
  return deliverNotice(deps, noticeId);
}
