import type { LanguageCode } from '../model.ts';

/**
 * The satisfaction question asked once per closed complaint, on the citizen's channel and in
 * their language, and the answer (docs/operations/statistics.md). Stored on the complaint.
 */
export type SurveyChannel = 'sms' | 'chat' | 'voice';
export type SatisfactionScore = 1 | 2 | 3 | 4 | 5;

export type SurveyAnswer =
  | {
      readonly kind: 'score';
      readonly score: SatisfactionScore;
      readonly at: string;
      /** The message (SMS, chat) or contact (voice) that carried it: a redelivery is the same answer. */
      readonly sourceId: string;
    }
  | { readonly kind: 'declined'; readonly at: string; readonly sourceId: string };

export interface SatisfactionSurvey {
  readonly channel: SurveyChannel;
  readonly language: LanguageCode;
  /** Taken before the question is sent, so at most one asker sends it. */
  readonly claimedAt: string;
  /** While a send is under way: another asker waits until then (a crashed send is retried after it). */
  readonly sendLeaseUntil?: string;
  /** When the question reached the provider (voice: when the caller reached the survey). */
  readonly askedAt?: string;
  readonly answer?: SurveyAnswer;
}

export const SATISFACTION_SCORES: readonly SatisfactionScore[] = [1, 2, 3, 4, 5];

/** The contact attribute the post-call survey flow stores the caller's digit in; its Lambda reads it from there. */
export const SURVEY_SCORE_ATTRIBUTE = 'satisfactionScore';
