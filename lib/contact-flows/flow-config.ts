import type { QueueKey, RoutedLanguage } from '../../functions/core/voice/language-routing.ts';
import type { RecordedPrompts } from './speech.ts';

/** What the generated flows point at; in CDK these are resource ARNs (tokens until deploy). */
export interface ContactFlowConfig {
  /** Lambda invoked at the start of every inbound call (creates/attaches the complaint). */
  contactStartLambdaArn: string;
  /** Lambda the happy-call flow invokes to record answered / opted-out outcomes. */
  happyCallOutcomeLambdaArn: string;
  /** Queue ARN (or id) per queue key; `ko` is also the safe default queue. */
  queues: Record<QueueKey, string>;
  /** Hours of operation checked before queueing (24/7 in production; the after-hours path stays). */
  hoursOfOperationArn: string;
  /** Recorded prompts for languages without a Polly voice (vi, mn). Missing => counselor-first. */
  recordedPrompts?: Partial<Record<RoutedLanguage, RecordedPrompts>>;
  /** Recorded multilingual prompt for the foreign-language menu; otherwise English text-to-speech. */
  foreignMenuPromptArn?: string;
  /** Seconds Connect waits for the contact-start Lambda (1..8); the Lambda's own budget is lower. */
  contactStartTimeoutSeconds?: number;
  /** The post-call survey flow (post-call-survey-flow.ts): run when the counselor hangs up first. */
  postCallSurveyFlowArn?: string;
}
