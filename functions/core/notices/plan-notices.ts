import { effectiveDueAt } from '../deadlines/due-at.ts';
import { detectLanguage } from '../language.ts';
import type { ComplaintStatusChangedEvent, DeadlineExtendedEvent, DomainEvent } from '../ports/events.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import { answerText, deliveredOnOwnChannel, latestAnswer } from './answer-delivery.ts';
import { complaintDraft, createNotice, type NoticeDraft } from './create-notice.ts';
import type { NoticeDeps } from './deps.ts';
import { noticeLanguage, type Notice, type NoticeLanguage, type NoticeRoute } from './model.ts';
import { noticeRouteFor } from './route.ts';
import { noticeTexts } from './texts.ts';

/**
 * The notices one domain event owes the citizen (none for most events), each created exactly once.
 * Status-request events are answered by answerStatusRequest (status-request.ts).
 */
export async function noticesForEvent(deps: NoticeDeps, event: DomainEvent): Promise<Notice[]> {
  if (event.type !== 'complaint.status_changed' && event.type !== 'complaint.deadline_extended') return [];
  const complaint = await deps.repository.getComplaint(event.complaintId);
  if (!complaint) {
    deps.log.warn('notice event for a complaint that does not exist', { type: event.type, complaintId: event.complaintId });
    return [];
  }
  const route = noticeRouteFor(complaint);
  if (!route) return [];
  const drafts = event.type === 'complaint.deadline_extended' ? [await extensionDraft(deps, complaint, route, event)] : await statusDrafts(deps, complaint, route, event);
  const notices: Notice[] = [];
  for (const draft of drafts) {
    if (!draft) continue;
    const notice = await createNotice(deps, draft);
    if (notice) notices.push(notice);
  }
  return notices;
}

async function statusDrafts(deps: NoticeDeps, complaint: VersionedComplaint, route: NoticeRoute, event: ComplaintStatusChangedEvent): Promise<Array<NoticeDraft | null>> {
  const language = noticeLanguage(complaint.language);
  const { receiptNo } = complaint;
  const occurrence = `v${event.version}`;
  const drafts: Array<NoticeDraft | null> = [];
  if (event.agency !== undefined) {
    drafts.push(complaintDraft(complaint, route, { kind: 'transferred', occurrence, language, agency: event.agency, exempt: false, ...noticeTexts(language, { kind: 'transferred', receiptNo, agency: event.agency }) }));
  }
  if (event.from === event.to) return drafts;
  if (event.from === 'received' && event.to === 'in_progress') {
    drafts.push(complaintDraft(complaint, route, { kind: 'taken_up', occurrence, language, exempt: false, ...noticeTexts(language, { kind: 'taken_up', receiptNo }) }));
  } else if (event.to === 'answered') {
    drafts.push(await answeredDraft(deps, complaint, route, language, occurrence));
  } else if (event.to === 'closed') {
    drafts.push(complaintDraft(complaint, route, { kind: 'closed', occurrence, language, exempt: false, ...noticeTexts(language, { kind: 'closed', receiptNo }) }));
  }
  return drafts;
}

/**
 * A reply the citizen's own channel delivered was the answer: nothing more is sent. Otherwise
 * (a voice or web complaint told by SMS, a reply the channel could not deliver) the notice
 * carries the answer itself, which quiet hours do not hold; with no written answer (answered on
 * the phone) it says that the complaint was answered.
 */
async function answeredDraft(deps: NoticeDeps, complaint: VersionedComplaint, route: NoticeRoute, language: NoticeLanguage, occurrence: string): Promise<NoticeDraft | null> {
  const detail = await deps.repository.getComplaintDetail(complaint.complaintId);
  const latest = latestAnswer(detail?.replies ?? []);
  if (latest && route === complaint.channel && deliveredOnOwnChannel(latest)) return null;
  const answer = latest ? answerText(latest, complaint.language)?.text : undefined;
  // For a handset that cannot show the translation: the counselor's Korean words.
  const answerKo = answer !== undefined && latest && (latest.writtenIn ?? 'ko') === 'ko' ? latest.textKo : answer;
  return complaintDraft(complaint, route, {
    kind: 'answered',
    occurrence,
    language,
    exempt: answer !== undefined,
    ...noticeTexts(
      language,
      { kind: 'answered', receiptNo: complaint.receiptNo, ...(answer !== undefined ? { answer } : {}) },
      { kind: 'answered', receiptNo: complaint.receiptNo, ...(answerKo !== undefined ? { answer: answerKo } : {}) },
    ),
  });
}

async function extensionDraft(deps: NoticeDeps, complaint: VersionedComplaint, route: NoticeRoute, event: DeadlineExtendedEvent): Promise<NoticeDraft> {
  const language = noticeLanguage(complaint.language);
  const reason = await reasonIn(deps, event.reason, language);
  const dueAt = event.dueAt || effectiveDueAt(complaint);
  return complaintDraft(complaint, route, {
    kind: 'deadline_extended',
    occurrence: `x${event.extensionNumber}`,
    language,
    exempt: false,
    ...noticeTexts(
      language,
      { kind: 'deadline_extended', receiptNo: complaint.receiptNo, dueAt, reason },
      { kind: 'deadline_extended', receiptNo: complaint.receiptNo, dueAt, reason: event.reason },
    ),
  });
}

/** The counselor's reason in the citizen's language when a translator answers; as written otherwise. */
async function reasonIn(deps: NoticeDeps, reason: string, language: NoticeLanguage): Promise<string> {
  if (language === 'ko' || !deps.translator || detectLanguage(reason) !== 'ko') return reason;
  try {
    return (await deps.translator.translate({ text: reason, source: 'ko', target: language })).text;
  } catch (error) {
    deps.log.warn('extension reason not translated; sent as written', { errorName: error instanceof Error ? error.name : 'unknown', language });
    return reason;
  }
}
