import { DynamoCitizenPreferences } from '../../adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoNoticeOutbox } from '../../adapters/dynamodb/notice-outbox.ts';
import type { StatusRequestDeps } from '../../core/notices/status-request.ts';
import { senderFor } from '../../core/reply.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { chatReplySend } from './chat-reply-sender.ts';
import { complaintRepository } from './complaints.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { lookupParts } from './notice-parts.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator } from './pipeline-parts.ts';
import { stageSmsSender } from './sms-sender.ts';

/**
 * The notice function and the sweeper: the outbox in the complaint table, SMS through the stage's
 * sender exactly as replies go, chat pushes when the stage has the chat channel
 * (CHAT_CONNECTIONS_ENDPOINT), Amazon Translate for an extension's reason, the lookup guard and
 * the audit trail for status keywords.
 */
export async function noticeDeps(): Promise<StatusRequestDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const sms = senderFor({ smsSender: await stageSmsSender() }, 'sms');
  const chat = chatReplySend();
  return {
    outbox: new DynamoNoticeOutbox(documentClient(), tableName),
    repository: complaintRepository(),
    preferences: new DynamoCitizenPreferences(documentClient(), tableName),
    pii: await piiProtector(),
    clock,
    log,
    senders: { ...(sms ? { sms } : {}), ...(chat ? { chat } : {}) },
    translator: amazonTranslator(),
    ...lookupParts(),
    chatAccounts: chatAccountRepository(),
  };
}
