import { DynamoCitizenPreferences } from '../../adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoNoticeOutbox } from '../../adapters/dynamodb/notice-outbox.ts';
import type { NoticeDeps } from '../../core/notices/deps.ts';
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
 * The sweeper's deps, and the notice function's without its lookups: the outbox in the complaint
 * table, SMS through the stage's sender exactly as replies go, chat pushes when the stage has the
 * chat channel (CHAT_CONNECTIONS_ENDPOINT), Amazon Translate for an extension's reason.
 */
export async function noticeSenderDeps(): Promise<NoticeDeps> {
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
  };
}

/** The notice function: the senders, and the lookup guard and audit trail its status keywords use. */
export async function noticeDeps(): Promise<StatusRequestDeps> {
  return { ...(await noticeSenderDeps()), ...lookupParts(), chatAccounts: chatAccountRepository() };
}
