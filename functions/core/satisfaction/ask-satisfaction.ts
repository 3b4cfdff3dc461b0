import type { Channel } from '../../../schemas/inbound-message.ts';
import { maskPersonalData } from '../pii-masking.ts';
import type { CitizenPreferences } from '../ports/citizen-preferences.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ChannelSend } from '../reply.ts';
import { firstAnswerOf } from '../statistics/first-answer.ts';
import type { SurveyChannel } from './model.ts';
import type { SatisfactionStore, SurveyPreferences } from './ports.ts';
import { surveyQuestion } from './survey-texts.ts';

/** How long one asker may take to send; after it another may (a crashed send). */
export const SURVEY_SEND_LEASE_MS = 60_000;

export interface AskSatisfactionDeps {
  complaints: Pick<ComplaintRepository, 'getComplaintDetail'>;
  surveys: SatisfactionStore;
  surveyPreferences: SurveyPreferences;
  /** The SMS opt-out state (ADR 0013): an opted-out number is not asked by SMS. */
  smsPreferences: Pick<CitizenPreferences, 'getSmsPreference'>;
  /** Senders of the channels asked by text; voice is asked in the call (post-call flow). */
  senders: Partial<Record<Extract<Channel, 'sms' | 'chat'>, ChannelSend>>;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  events: EventPublisher;
}

export type AskOutcome =
  | 'asked'
  | 'already-asked'
  | 'in-progress'
  | 'not-closed'
  | 'not-answered'
  | 'channel-not-asked'
  | 'unreachable'
  | 'declined-surveys'
  | 'sms-opted-out'
  | 'no-sender';

const TEXT_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['sms', 'chat']);

/**
 * Asks the citizen of a closed complaint, once, on their channel and in their language, to rate
 * the handling 1-5. The survey is claimed on the complaint before sending (one conditional
 * write), so concurrent and redelivered close events ask once; a send that failed is released
 * and the error thrown, so the event is retried. Only a complaint a counselor answered is asked
 * (not one closed by a cancelled reservation), never twice after a reopening, never someone who
 * declined surveys or opted out of SMS.
 */
export async function askSatisfaction(deps: AskSatisfactionDeps, complaintId: string): Promise<AskOutcome> {
  const detail = await deps.complaints.getComplaintDetail(complaintId);
  if (!detail) return 'not-closed';
  const { complaint } = detail;
  const logContext = { complaintId, channel: complaint.channel };
  if (complaint.status !== 'closed') return 'not-closed';
  if (!TEXT_CHANNELS.has(complaint.channel)) return 'channel-not-asked';
  if (complaint.citizen.unverifiable) return 'unreachable';
  if (!firstAnswerOf(detail)) return 'not-answered';
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + SURVEY_SEND_LEASE_MS).toISOString();
  const existing = complaint.satisfactionSurvey;
  if (existing?.askedAt || existing?.answer) return 'already-asked';
  if (await deps.surveyPreferences.hasDeclinedSurveys(complaint.citizen.hash)) return 'declined-surveys';
  if (complaint.channel === 'sms' && (await deps.smsPreferences.getSmsPreference(complaint.citizen.hash))?.optedOut) return 'sms-opted-out';
  const channel = complaint.channel as Extract<SurveyChannel, 'sms' | 'chat'>;
  const send = deps.senders[channel];
  if (!send) {
    deps.log.warn('satisfaction survey not asked: no sender for the channel', logContext);
    return 'no-sender';
  }
  const claimed = existing
    ? await deps.surveys.retakeSend(complaintId, now.toISOString(), leaseUntil)
    : await deps.surveys.claimSurvey(complaintId, { channel, language: complaint.language, claimedAt: now.toISOString(), sendLeaseUntil: leaseUntil });
  if (!claimed) return 'in-progress';
  try {
    await send({ to: deps.pii.open(complaint.citizen.sealed), body: surveyQuestion(complaint.language, complaint.receiptNo), idempotencyKey: `survey:${complaintId}`, context: { complaintId, language: complaint.language } });
  } catch (error) {
    await deps.surveys.releaseSend(complaintId);
    deps.log.warn('satisfaction survey send failed; the event is retried', { ...logContext, error: maskPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : 'send failed').slice(0, 300) });
    throw error;
  }
  const askedAt = deps.clock.now().toISOString();
  await deps.surveys.markAsked(complaintId, askedAt);
  await deps.events.publish([{ type: 'complaint.satisfaction_recorded', complaintId, what: 'asked', at: askedAt }]);
  deps.log.info('satisfaction survey asked', { ...logContext, language: complaint.language });
  return 'asked';
}
