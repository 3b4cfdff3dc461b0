import { buildXChannelSend } from '../../adapters/x/build-x-channel-send.ts';
import { loadXCredentials } from '../../adapters/x/x-credentials.ts';
import { readXReplyEnv } from '../../adapters/x/x-reply-env.ts';
import type { ComplaintRepository } from '../../core/ports/complaint-repository.ts';
import type { ChannelSend } from '../../core/reply.ts';
import type { ComplaintsApiDeps } from '../../handlers/complaints-api.ts';
import { chatReplySend } from './chat-reply-sender.ts';
import { complaintRepository } from './complaints.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher } from './pipeline-parts.ts';
import { clock, log } from './log-and-clock.ts';
import { secretsClient } from './secrets-client.ts';
import { stageSmsSender } from './sms-sender.ts';

/** X replies when the stage has the X channel (CDK sets X_SECRET_ARN then); credentials read once per container. */
async function xSender(complaints: ComplaintRepository): Promise<ChannelSend | null> {
  const env = readXReplyEnv();
  if (!env) return null;
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  return buildXChannelSend({
    credentials,
    ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
    complaints,
    privateChannels: env.privateChannels,
    allowedPublicContacts: env.allowedPublicContacts,
    log,
  });
}

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const repository = complaintRepository();
  const x = await xSender(repository);
  // Stages with the chat channel set CHAT_CONNECTIONS_ENDPOINT; replies to chat citizens are pushed.
  const chat = chatReplySend();
  const senders: Partial<Record<'x' | 'chat', ChannelSend>> = { ...(x ? { x } : {}), ...(chat ? { chat } : {}) };
  return {
    log,
    query: { repository },
    reply: {
      repository,
      pii: await piiProtector(),
      clock,
      log,
      translator: amazonTranslator(),
      events: eventPublisher(),
      smsSender: await stageSmsSender(),
      ...(Object.keys(senders).length > 0 ? { senders } : {}),
    },
    status: { repository, clock, events: eventPublisher() },
  };
}
