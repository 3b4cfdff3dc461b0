import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsIntakeQueue } from '../../adapters/sqs/sqs-intake-queue.ts';
import { loadXCredentials } from '../../adapters/x/x-credentials.ts';
import { readXReplyEnv } from '../../adapters/x/x-reply-env.ts';
import type { ComplaintRepository } from '../../core/ports/complaint-repository.ts';
import { replyRetriesOn, type ReplyRetries } from '../../core/ports/reply-retries.ts';
import type { ChannelSend, ReplyDeps } from '../../core/reply.ts';
import { ENV } from '../env-names.ts';
import { chatReplySend } from './chat-reply-sender.ts';
import { complaintRepository } from './complaints.ts';
import { lazyChannelSend } from './lazy-ports.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher } from './pipeline-parts.ts';
import { clock, log } from './log-and-clock.ts';
import { secretsClient } from './secrets-client.ts';
import { stageSmsSender } from './sms-sender.ts';

/**
 * X replies when the stage has the X channel (CDK sets X_SECRET_ARN then); credentials read once
 * per container, here, so a bad secret still fails the cold start. twitter-api-v2 was a fifth of
 * the complaints API's bundle and most of its load time above the SDK floor, for a channel few
 * calls use: it is imported on the first X reply (lazy-ports.ts, ADR 0008).
 */
async function xSender(complaints: ComplaintRepository): Promise<ChannelSend | null> {
  const env = readXReplyEnv();
  if (!env) return null;
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  return lazyChannelSend(async () =>
    (await import('../../adapters/x/build-x-channel-send.ts')).buildXChannelSend({
      credentials,
      ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
      complaints,
      privateChannels: env.privateChannels,
      allowedPublicContacts: env.allowedPublicContacts,
      log,
    }),
  );
}

/** Held replies' next translation attempts, when the function was given the reply retry queue. */
function replyRetries(): ReplyRetries | null {
  const queueUrl = process.env[ENV.replyRetryQueueUrl];
  return queueUrl ? replyRetriesOn(new SqsIntakeQueue(new SQSClient({}), queueUrl)) : null;
}

/** The reply use case's deps, shared by the complaints API and the reply retry consumer. */
export async function awsReplyDeps(repository: ComplaintRepository = complaintRepository()): Promise<ReplyDeps> {
  const x = await xSender(repository);
  const events = eventPublisher();
  // Stages with the chat channel set CHAT_CONNECTIONS_ENDPOINT; replies to chat citizens are pushed.
  const chat = chatReplySend(events);
  const senders: Partial<Record<'x' | 'chat', ChannelSend>> = { ...(x ? { x } : {}), ...(chat ? { chat } : {}) };
  const retries = replyRetries();
  return {
    repository,
    pii: await piiProtector(),
    clock,
    log,
    translator: amazonTranslator(),
    events,
    smsSender: await stageSmsSender(),
    ...(Object.keys(senders).length > 0 ? { senders } : {}),
    ...(retries ? { retries } : {}),
  };
}
