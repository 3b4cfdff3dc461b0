import type { SatisfactionSurvey, SurveyAnswer } from './model.ts';

/** The survey on the complaint item; every method one conditional UpdateItem. */
export interface SatisfactionStore {
  /** Puts the first survey on the complaint, conditional on it having none: one asker wins. */
  claimSurvey(complaintId: string, survey: SatisfactionSurvey): Promise<boolean>;
  /** Takes over a send whose holder's lease ran out before it was asked; false otherwise. */
  retakeSend(complaintId: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Drops the send lease after a failed send, so the retried event sends at once. */
  releaseSend(complaintId: string): Promise<void>;
  /** Records that the question went out; false when it already had. */
  markAsked(complaintId: string, askedAt: string): Promise<boolean>;
  /** Records the answer, conditional on the question asked and unanswered; false otherwise. */
  recordAnswer(complaintId: string, answer: SurveyAnswer): Promise<boolean>;
}

/** The citizen said they want no more satisfaction questions (by "no", 아니요, ...); kept per citizen hash. */
export interface SurveyPreferences {
  hasDeclinedSurveys(citizenHash: string): Promise<boolean>;
  /** Idempotent: the first decline's time and source are kept. */
  recordSurveyDecline(citizenHash: string, at: string, sourceId: string): Promise<void>;
}
