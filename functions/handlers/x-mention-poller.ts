import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { PollResult } from '../core/x/poll-mentions.ts';
import { xMentionPollerDeps } from '../wiring/x-poller.ts';
import { lazy } from './shared/lazy.ts';
import type { XMentionPollerDeps } from '../wiring/deps/x-mention-poller.ts';

/**
 * EventBridge Scheduler target: one poll per invocation. The payload is ignored (the schedule
 * sends a fixed one). A thrown error (X 5xx, queue down) fails the invocation so the error
 * alarm sees it; the cursor was not moved, so the next tick re-reads.
 */
export function createXMentionPollerHandler(getDeps: () => Promise<XMentionPollerDeps>) {
  const base = async (_event: unknown, context: Context): Promise<PollResult> => {
    const deps = await getDeps();
    const result = await deps.poll(context.awsRequestId);
    deps.log.info('x mention poll', { ...result });
    return result;
  };
  return middy(base);
}

export const handler = createXMentionPollerHandler(lazy(xMentionPollerDeps));
