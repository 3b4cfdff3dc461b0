import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { messageIdFor } from '../ids.ts';
import { toUtcIso } from '../kst.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { protectHandle } from '../protect-handle.ts';
import { threadKeyFor } from '../thread-key.ts';
import type { SurveyAnswer } from './model.ts';
import type { SatisfactionStore, SurveyPreferences } from './ports.ts';
import { surveyReplyOf } from './survey-answer.ts';

/** An answer later than this after the question is an ordinary message again. */
export const SURVEY_ANSWER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface SurveyIntakeDeps {
  complaints: Pick<ComplaintRepository, 'getOpenPointer' | 'getComplaint'>;
  surveys: SatisfactionStore;
  surveyPreferences: SurveyPreferences;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  events: EventPublisher;
}

/**
 * Where the pipeline decides "this SMS or chat message is a satisfaction answer": before intake
 * (handlers/intake-pipeline.ts), for a text that reads as an answer (survey-answer.ts) from a
 * citizen whose last complaint on the channel is closed and was asked within 7 days and not
 * answered yet. The answer is stored on that complaint (first answer wins) and opens no
 * complaint; "no" is also remembered, so the citizen is not asked again. A redelivery of the
 * answering message is recognised by its message id and announced again (idempotent consumers).
 */
export async function handleSurveyAnswer(deps: SurveyIntakeDeps, message: InboundMessage): Promise<{ opensComplaint: boolean }> {
  if (message.channel !== 'sms' && message.channel !== 'chat') return { opensComplaint: true };
  const reply = surveyReplyOf(message.text);
  if (!reply || message.media.length > 0) return { opensComplaint: true };
  const citizen = protectHandle(deps.pii, message.citizenHandleKind, message.citizenHandle);
  const pointer = await deps.complaints.getOpenPointer(message.channel, threadKeyFor(message, citizen.hash));
  if (!pointer) return { opensComplaint: true };
  const complaint = await deps.complaints.getComplaint(pointer.complaintId);
  const survey = complaint?.satisfactionSurvey;
  if (!complaint || complaint.status !== 'closed' || !survey?.askedAt) return { opensComplaint: true };
  const messageId = messageIdFor(message);
  const at = toUtcIso(message.receivedAt);
  const answer: SurveyAnswer = reply.kind === 'score' ? { kind: 'score', score: reply.score, at, sourceId: messageId } : { kind: 'declined', at, sourceId: messageId };
  const logContext = { complaintId: complaint.complaintId, channel: message.channel, answer: answer.kind };
  if (Date.parse(at) - Date.parse(survey.askedAt) > SURVEY_ANSWER_WINDOW_MS) return { opensComplaint: true };
  let recorded = survey.answer;
  if (!recorded) {
    // Concurrent deliveries of two answers: the condition lets one in; the other reads which.
    recorded = (await deps.surveys.recordAnswer(complaint.complaintId, answer)) ? answer : (await deps.complaints.getComplaint(complaint.complaintId))?.satisfactionSurvey?.answer;
  }
  if (recorded && recorded.sourceId !== messageId) {
    // A second answer (a correction, a repeated digit): the first one stands, and this one is no complaint either.
    deps.log.info('satisfaction answer after the first one ignored', logContext);
    return { opensComplaint: false };
  }
  // Recorded now, or by an earlier delivery of this very message that stopped before announcing it.
  if (answer.kind === 'declined') await deps.surveyPreferences.recordSurveyDecline(complaint.citizen.hash, at, messageId);
  await deps.events.publish([{ type: 'complaint.satisfaction_recorded', complaintId: complaint.complaintId, what: answer.kind === 'score' ? 'answered' : 'declined', at: deps.clock.now().toISOString() }]);
  deps.log.info('satisfaction answer recorded', logContext);
  return { opensComplaint: false };
}
