import { join } from 'node:path';
import { createReplyRetryHandler } from '../functions/handlers/reply-retry.ts';
import type { LocalDeps } from '../functions/wiring/local.ts';
import { lambdaContext } from './apigw-event.ts';
import { LocalQueue } from './local-queue.ts';

/**
 * The local stand-in for the reply retry queue and its Lambda (complaints API stack): held
 * replies wait here, durable under DATA_DIR, for their next translation attempt, so a gateway
 * restarted with a translator configured sends them.
 */
export async function openLocalReplyRetryQueue(dataDir: string, options: { visibilityTimeoutMs: number }): Promise<LocalQueue> {
  const queue = new LocalQueue({
    dir: join(dataDir, 'reply-retry-queue'),
    maxReceiveCount: 5,
    visibilityTimeoutMs: options.visibilityTimeoutMs,
    queueArn: 'arn:aws:sqs:ap-northeast-2:000000000000:local-reply-retry',
  });
  await queue.open();
  return queue;
}

export function pumpReplyRetries(queue: LocalQueue, deps: LocalDeps): void {
  const handler = createReplyRetryHandler(async () => deps.replyRetry);
  queue.start((event) => handler(event, lambdaContext('reply-retry')));
}
