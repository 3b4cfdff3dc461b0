import { kstDay } from '../kst.ts';
import type { ComplaintDetail } from '../ports/complaint-repository.ts';
import { counters, type Counters } from './counters.ts';
import { firstAnswerOf } from './first-answer.ts';
import { isFirstContactResolution } from './first-contact-resolution.ts';
import { firstReplyBucket } from './first-reply-buckets.ts';
import { labelOf } from './labels.ts';
import type { Contribution } from './model.ts';

/** What a complaint counts in the complaints rollup of the KST day it was created. */
export function complaintContribution(detail: ComplaintDetail): Contribution {
  const { complaint } = detail;
  const c: Record<string, number> = {
    complaints: 1,
    [`channel.${complaint.channel}`]: 1,
    [`language.${complaint.language}`]: 1,
    [`category.${labelOf(complaint.category)}`]: 1,
    [`agency.${labelOf(complaint.agency)}`]: 1,
    [`status.${complaint.status}`]: 1,
  };
  const answer = firstAnswerOf(detail);
  if (answer) {
    c.answered = 1;
    const seconds = Math.max(0, (Date.parse(answer.at) - Date.parse(complaint.createdAt)) / 1000);
    c[`firstReply.${firstReplyBucket(seconds)}`] = 1;
    // The due time in force: an extension granted under the decree moves it.
    if (Date.parse(answer.at) <= Date.parse(complaint.extendedDueAt ?? complaint.dueAt)) c.onTime = 1;
  }
  if (complaint.status === 'closed') c.closed = 1;
  if (isFirstContactResolution(detail)) c.fcr = 1;
  Object.assign(c, surveyCounters(detail));
  return {
    ref: { kind: 'complaint', complaintId: complaint.complaintId },
    entityId: complaint.complaintId,
    bucket: { day: kstDay(complaint.createdAt), kind: 'complaints' },
    counters: counters(c),
  };
}

function surveyCounters({ complaint }: ComplaintDetail): Counters {
  const survey = complaint.satisfactionSurvey;
  if (!survey) return {};
  const out: Record<string, number> = {};
  if (survey.askedAt) out['survey.asked'] = 1;
  if (survey.answer?.kind === 'score') {
    out['survey.answered'] = 1;
    out['survey.scoreSum'] = survey.answer.score;
    out[`survey.score.${survey.answer.score}`] = 1;
  } else if (survey.answer?.kind === 'declined') {
    out['survey.declined'] = 1;
  }
  return out;
}
