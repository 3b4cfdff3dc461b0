import type { ReplyRetryHandlerDeps } from '../deps/reply-retry.ts';
import { log } from './log-and-clock.ts';
import { awsReplyDeps } from './reply-deps.ts';

export async function replyRetryDeps(): Promise<ReplyRetryHandlerDeps> {
  return { reply: await awsReplyDeps(), log };
}
