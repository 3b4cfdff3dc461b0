import { DynamoCitizenPreferences } from '../../adapters/dynamodb/citizen-preferences-repository.ts';
import type { AskSatisfactionDeps } from '../../core/satisfaction/ask-satisfaction.ts';
import { surveySenders } from '../../core/satisfaction/survey-senders.ts';
import { chatReplySend } from './chat-reply-sender.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { eventPublisher } from './event-publisher.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { surveyStores } from './satisfaction-answers.ts';
import { stageSmsSender } from './sms-sender.ts';


/** The survey asker: the SMS sender of the stage and, where the stage has chat, the chat push. */
export async function satisfactionSurveyDeps(): Promise<AskSatisfactionDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const chat = chatReplySend();
  return {
    complaints: complaintRepository(),
    ...surveyStores(),
    smsPreferences: new DynamoCitizenPreferences(documentClient(), tableName),
    senders: surveySenders({ smsSender: await stageSmsSender(), ...(chat ? { senders: { chat } } : {}) }),
    pii: await piiProtector(),
    clock,
    log,
    events: eventPublisher(),
  };
}
