import type { PipelineDeps } from '../deps/intake-pipeline.ts';
import { DynamoCitizenPreferences } from '../../adapters/dynamodb/citizen-preferences-repository.ts';
import { createDynamoComplaintSuggestionStore } from '../../adapters/knowledge/dynamodb-complaint-suggestions.ts';
import { buildKnowledgeSearch } from '../knowledge-search.ts';
import { buildSelfServiceStats } from '../self-service-stats.ts';
import { knowledgeSearchParts } from './knowledge-parts.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher, open311MediaFetcher, s3MediaStore, twilioMediaFetcher } from './pipeline-parts.ts';
import { clock, log } from './log-and-clock.ts';
import { intakeQueue } from './sqs-intake.ts';
import { surveyIntakeDeps } from './satisfaction-answers.ts';
import { stageCalendar } from './working-calendar.ts';

/** Must equal the intake queue's redrive maxReceiveCount in CDK (lib/). */
export const INTAKE_MAX_RECEIVE_COUNT = 5;

export async function pipelineDeps(): Promise<PipelineDeps> {
  const repository = complaintRepository();
  const translator = amazonTranslator();
  const queue = intakeQueue();
  const events = eventPublisher();
  const pii = await piiProtector();
  const { tableName } = readEnvironment(['tableName']);
  // The search composition, not the whole knowledge base: the index it holds serves every batch of the container.
  const knowledge = buildKnowledgeSearch(knowledgeSearchParts());
  const suggestions = { suggest: knowledge.suggestCases, store: createDynamoComplaintSuggestionStore(documentClient(), tableName) };
  return {
    // No SMS sender here: the pipeline has no SMS permission and its bundle stays without the SMS
    // clients (ADR 0008). Help keywords End User Messaging does not know are logged unanswered; see
    // docs/channels/sms.md for registering them as End User Messaging keywords instead.
    keywords: { preferences: new DynamoCitizenPreferences(documentClient(), tableName), pii, clock, log, events },
    ingest: {
      repository,
      pii,
      clock,
      log,
      translator,
      intakeQueue: queue,
      mediaFetcher: await twilioMediaFetcher(log),
      mediaFetchers: { open311: open311MediaFetcher() },
      mediaStore: s3MediaStore(),
      events,
      policy: { calendar: stageCalendar() },
      suggestions,
      selfServiceContacts: buildSelfServiceStats({ documentClient: documentClient(), tableName, clock, log }),
    },
    translate: { repository, translator, intakeQueue: queue, events, clock, log, suggestions },
    survey: surveyIntakeDeps(pii, events),
    log,
    maxReceiveCount: INTAKE_MAX_RECEIVE_COUNT,
  };
}
