import middy from '@middy/core';
import * as z from '../../schemas/zod-mini.ts';
import { pushRequestedReply, type PushRequestedReplyDeps } from '../core/push/push-requested-reply.ts';
import type { PushReplyResult } from '../core/push/push-reply.ts';
import { lazy } from './shared/lazy.ts';
import { chatPushSenderDeps } from '../wiring/aws/chat-push-sender.ts';

/** The gateway's `reply.push_requested` event as EventBridge delivers it (eventbridge-publisher.ts). */
export const PushRequestedEventSchema = z.looseObject({
  source: z.literal('citizen-contact-gateway'),
  'detail-type': z.literal('reply.push_requested'),
  detail: z.object({
    type: z.literal('reply.push_requested'),
    complaintId: z.string(),
    replyId: z.string().check(z.minLength(1)),
    accountId: z.string().check(z.minLength(1)),
    key: z.string().check(z.minLength(1)),
    language: z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn', 'und']),
    at: z.string(),
  }),
});

export type PushSenderOutcome = { status: 'ignored'; reason: string } | { status: 'not-waiting' } | ({ status: 'pushed' } & PushReplyResult);

/**
 * Rule target on the gateway event bus (reply.push_requested): the only function that loads
 * web-push and reads the VAPID secret (docs/adr/0028-pwa-web-push.md). Storage failures throw:
 * EventBridge retries the asynchronous invocation and the rule target's DLQ keeps what never
 * succeeds; the push outbox keeps a redelivery from sending twice.
 */
export function createChatPushSenderHandler(getDeps: () => Promise<PushRequestedReplyDeps>) {
  return middy(async (event: unknown): Promise<PushSenderOutcome> => {
    const deps = await getDeps();
    const parsed = PushRequestedEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.warn('chat push sender ignored an event that is not reply.push_requested', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return { status: 'ignored', reason: 'not a reply.push_requested event' };
    }
    const { type: _type, at: _at, ...request } = parsed.data.detail;
    const result = await pushRequestedReply(deps, request);
    return result ? { status: 'pushed', ...result } : { status: 'not-waiting' };
  });
}

export const handler = createChatPushSenderHandler(lazy(chatPushSenderDeps));
