import { DynamoSatisfactionStore, DynamoSurveyPreferences } from '../../adapters/dynamodb/satisfaction-store.ts';
import type { EventPublisher } from '../../core/ports/events.ts';
import type { PiiProtector } from '../../core/ports/pii.ts';
import type { SurveyIntakeDeps } from '../../core/satisfaction/survey-intake.ts';
import type { VoiceSurveyDeps } from '../../core/satisfaction/voice-survey.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { eventPublisher } from './event-publisher.ts';
import { clock, log } from './log-and-clock.ts';

/**
 * Recording satisfaction answers (pipeline, post-call survey): the survey on the complaint item and
 * the citizens' declines. No sender here, so the pipeline's bundle stays without SMS clients (ADR 0008).
 */
export function surveyStores(): Pick<SurveyIntakeDeps, 'surveys' | 'surveyPreferences'> {
  const { tableName } = readEnvironment(['tableName']);
  return { surveys: new DynamoSatisfactionStore(documentClient(), tableName), surveyPreferences: new DynamoSurveyPreferences(documentClient(), tableName) };
}

/** The pipeline's answer recognition: an answer is stored, not acknowledged, so no sender is needed. */
export function surveyIntakeDeps(pii: PiiProtector, events: EventPublisher): SurveyIntakeDeps {
  return { complaints: complaintRepository(), ...surveyStores(), pii, clock, log, events };
}

/** The post-call survey Lambda (voice): records what the caller pressed. */
export async function postCallSurveyDeps(): Promise<VoiceSurveyDeps> {
  return { complaints: complaintRepository(), surveys: surveyStores().surveys, clock, log, events: eventPublisher() };
}
