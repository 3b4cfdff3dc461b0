import middy from '@middy/core';
import { NoticeEventSchema } from '../../schemas/notice-events.ts';
import { handleNoticeEvent } from '../core/notices/handle-event.ts';
import type { StatusRequestDeps } from '../core/notices/status-request.ts';
import { noticeDeps } from '../wiring/aws/notices.ts';
import { lazy } from './shared/lazy.ts';

/**
 * Rule target on the gateway event bus: status changes, deadline extensions and status keywords
 * in, each notice they owe sent once. Events arrive at least once (and a retried invocation
 * repeats one); the outbox makes repeats harmless. A failure throws, so EventBridge retries the
 * asynchronous invocation; a send that fails is left to the sweeper instead.
 */
export function createNoticeEventsHandler(getDeps: () => Promise<StatusRequestDeps>) {
  return middy(async (event: unknown): Promise<{ notices: number } | { ignored: string }> => {
    const deps = await getDeps();
    const parsed = NoticeEventSchema.safeParse(event);
    if (!parsed.success) {
      // A malformed event never becomes valid by retrying: logged (paths and codes only) and dropped.
      deps.log.error('notice function ignored an event it cannot read', { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) });
      return { ignored: 'unreadable event' };
    }
    const notices = await handleNoticeEvent(deps, parsed.data.detail);
    return { notices: notices.length };
  });
}

export const handler = createNoticeEventsHandler(lazy(noticeDeps));
