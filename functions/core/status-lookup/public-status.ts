import { effectiveDueAt } from '../deadlines/due-at.ts';
import { OPEN_STATUSES, type ComplaintStatus, type LanguageCode } from '../model.ts';
import { answerText, deliveredOnOwnChannel, undeliveredAnswer } from '../notices/answer-delivery.ts';
import type { NoticeLanguage } from '../notices/model.ts';
import { EVENT_LABELS, STATUS_LABELS } from '../notices/texts.ts';
import type { ComplaintDetail } from '../ports/complaint-repository.ts';

export interface PublicHistoryEntry {
  at: string;
  status: ComplaintStatus;
  label: string;
  /** Set on entries that keep the status but matter to the citizen. */
  event?: 'deadline_extended';
  /** The due time an extension set. */
  dueAt?: string;
}

/**
 * What a citizen may see of their complaint: labels and times, never who acted or why (staff
 * names, internal reasons), never the text of their own messages (the lookup proves less than a
 * signed-in session does). The answer is shown only when their own channel could not deliver it.
 */
export interface PublicStatusView {
  receiptNo: string;
  language: NoticeLanguage;
  status: ComplaintStatus;
  statusLabel: string;
  /** Oldest first. */
  history: PublicHistoryEntry[];
  /** The due time in force while the complaint is open; null once answered or closed. */
  dueAt: string | null;
  answered: boolean;
  answer?: { text: string; language: LanguageCode; at: string };
}

export function publicStatusView(detail: ComplaintDetail, language: NoticeLanguage): PublicStatusView {
  const { complaint } = detail;
  const labels = STATUS_LABELS[language];
  const history: PublicHistoryEntry[] = [];
  for (const event of detail.statusEvents) {
    if (event.deadline?.kind === 'deadline-extended') {
      history.push({ at: event.at, status: event.to, label: EVENT_LABELS[language].deadline_extended, event: 'deadline_extended', dueAt: event.deadline.extendedDueAt ?? event.deadline.dueAt });
    } else if (event.from !== event.to) {
      history.push({ at: event.at, status: event.to, label: labels[event.to] });
    }
  }
  const undelivered = undeliveredAnswer(detail.replies);
  const answer = undelivered ? answerText(undelivered, complaint.language) : undefined;
  return {
    receiptNo: complaint.receiptNo,
    language,
    status: complaint.status,
    statusLabel: labels[complaint.status],
    history,
    dueAt: OPEN_STATUSES.includes(complaint.status) ? effectiveDueAt(complaint) : null,
    answered: detail.statusEvents.some((event) => event.to === 'answered') || detail.replies.some(deliveredOnOwnChannel),
    ...(undelivered && answer ? { answer: { ...answer, at: undelivered.createdAt } } : {}),
  };
}
