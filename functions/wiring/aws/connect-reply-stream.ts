import { createConnectContactLinks } from '../../adapters/voice/connect-contact-links.ts';
import type { CounselorReplyDeps } from '../../core/voice/counselor-replies.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { log } from './log-and-clock.ts';
import { awsReplyDeps } from './reply-deps.ts';

/** Counselor replies from the chat stream use the reply use case exactly as the complaints API builds it (same senders); it records nothing, so it needs no audit table. */
export async function replyStreamDeps(): Promise<CounselorReplyDeps> {
  const { tableName } = readEnvironment(['tableName']);
  return { links: createConnectContactLinks(documentClient(), tableName), reply: await awsReplyDeps(), log };
}
