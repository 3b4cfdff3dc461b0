import { effectiveDueAt } from '../deadlines/due-at.ts';
import { OPEN_STATUSES } from '../model.ts';
import { complaintDraft, createNotice } from './create-notice.ts';
import { attemptNotice } from './deliver-notice.ts';
import type { NoticeDeps } from './deps.ts';
import { noticeLanguage } from './model.ts';
import { noticeRouteFor } from './route.ts';
import { noticeTexts } from './texts.ts';

const DAY_MS = 86_400_000;

export const SWEEP_POLICY = {
  /** Schedule days read back: a notice left over by a crash or an outage is still found for this long. */
  lookbackDays: 3,
  /** Notices sent per run at most; the next run (15 minutes later) takes the rest. */
  batch: 200,
  /** A progress notice every this many days a complaint stays open. */
  progressPeriodDays: 30,
  /** Periods looked for (a year of progress notices); older open complaints are the overdue list's business. */
  progressPeriods: 12,
  /** Creation days covered by each daily run per period: a missed run is made up by the next. */
  progressLookbackDays: 2,
} as const;

/** Sends every scheduled notice that is due (held over quiet hours, or left failed by an earlier attempt). */
export async function deliverDueNotices(deps: NoticeDeps, policy = SWEEP_POLICY): Promise<{ due: number; sent: number }> {
  const due = await deps.outbox.due(deps.clock.now().toISOString(), policy.lookbackDays, policy.batch);
  let sent = 0;
  for (const entry of due) {
    const { notice, attempted } = await attemptNotice(deps, entry.noticeId);
    if (!notice) await deps.outbox.unschedule(entry);
    if (attempted && notice?.state === 'sent') sent += 1;
  }
  if (due.length > 0) deps.log.info('due notices swept', { due: due.length, sent });
  return { due: due.length, sent };
}

/**
 * Plans a progress notice for every complaint still open N × 30 days after it was received
 * (occurrence `30d`, `60d`, ...): one Query per open status and period over the creation days the
 * period has just reached, on the status index. Run daily; repeats are absorbed by the outbox.
 */
export async function planProgressNotices(deps: NoticeDeps, policy = SWEEP_POLICY): Promise<{ planned: number }> {
  const now = deps.clock.now().getTime();
  let planned = 0;
  for (let period = 1; period <= policy.progressPeriods; period += 1) {
    const days = period * policy.progressPeriodDays;
    const createdBefore = new Date(now - days * DAY_MS).toISOString();
    const createdFrom = new Date(now - (days + policy.progressLookbackDays) * DAY_MS).toISOString();
    for (const status of OPEN_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await deps.repository.listComplaints({ status, createdFrom, createdBefore, limit: 100, order: 'oldest', ...(cursor ? { cursor } : {}) });
        for (const complaint of page.items) {
          const route = noticeRouteFor(complaint);
          if (!route) continue;
          const language = noticeLanguage(complaint.language);
          const texts = noticeTexts(language, { kind: 'progress', receiptNo: complaint.receiptNo, days, dueAt: effectiveDueAt(complaint) });
          if (await createNotice(deps, complaintDraft(complaint, route, { kind: 'progress', occurrence: `${days}d`, language, exempt: false, ...texts }))) planned += 1;
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  return { planned };
}
