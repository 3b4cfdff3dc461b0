import { messageIdFor } from '../ids.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { SATISFACTION_SCORES, type SatisfactionScore } from './model.ts';
import type { SatisfactionStore } from './ports.ts';

export interface VoiceSurveyDeps {
  complaints: Pick<ComplaintRepository, 'getMessageClaim' | 'getComplaint'>;
  surveys: SatisfactionStore;
  clock: Clock;
  log: Log;
  events: EventPublisher;
}

export interface VoiceSurveyStep {
  /** The call's contact key (InitialContactId): its message claim names the complaint. */
  contactKey: string;
  /** `offered`: the caller reached the question; `answered`: they pressed a digit (stored as a contact attribute). */
  step: 'offered' | 'answered';
  /** The contact attribute as the flow set it, for `answered`. */
  score?: string;
}

export type VoiceSurveyOutcome = 'recorded' | 'already' | 'no-complaint' | 'invalid';

/**
 * The post-call survey of the voice channel (the flow Amazon Connect runs when the counselor
 * hangs up, lib/contact-flows/post-call-survey-flow.ts): the question counts as asked when the
 * caller reaches it, the digit pressed is the answer. Both are conditional writes on the call's
 * complaint, so repeated invocations and a second call on the same complaint record once.
 */
export async function recordVoiceSurvey(deps: VoiceSurveyDeps, input: VoiceSurveyStep): Promise<VoiceSurveyOutcome> {
  const score = Number(input.score);
  if (input.step === 'answered' && !SATISFACTION_SCORES.includes(score as SatisfactionScore)) return 'invalid';
  const claim = await deps.complaints.getMessageClaim(messageIdFor({ channel: 'voice', provider: 'amazon-connect', providerMessageId: input.contactKey }));
  const complaint = claim ? await deps.complaints.getComplaint(claim.complaintId) : null;
  if (!complaint) return 'no-complaint';
  const complaintId = complaint.complaintId;
  const at = deps.clock.now().toISOString();
  const asked = complaint.satisfactionSurvey ? false : await deps.surveys.claimSurvey(complaintId, { channel: 'voice', language: complaint.language, claimedAt: at, askedAt: at });
  if (asked) await deps.events.publish([{ type: 'complaint.satisfaction_recorded', complaintId, what: 'asked', at }]);
  if (input.step === 'offered') return asked ? 'recorded' : 'already';
  const recorded = await deps.surveys.recordAnswer(complaintId, { kind: 'score', score: score as SatisfactionScore, at, sourceId: input.contactKey });
  if (!recorded) return 'already';
  await deps.events.publish([{ type: 'complaint.satisfaction_recorded', complaintId, what: 'answered', at }]);
  deps.log.info('post-call survey answer recorded', { complaintId });
  return 'recorded';
}
