import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { retryHeldReply } from '../core/reply.ts';
import { lazy } from './shared/lazy.ts';
import { consumeEnvelopes, PoisonMessageError } from './shared/queue-envelope.ts';
import { replyRetryDeps } from '../wiring/aws/reply-retry.ts';
import type { ReplyRetryHandlerDeps } from '../wiring/deps/reply-retry.ts';

/** SQS consumer of the reply retry queue: each record is one translation attempt of a held reply. */
export function createReplyRetryHandler(getDeps: () => Promise<ReplyRetryHandlerDeps>) {
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    return consumeEnvelopes(event, context, deps.log, async (envelope, record) => {
      if (envelope.kind !== 'reply') throw new PoisonMessageError(`record ${record.messageId} is a ${envelope.kind} envelope; it belongs on the intake queue`);
      const { kind: _kind, ...job } = envelope;
      const reply = await retryHeldReply(deps.reply, job);
      deps.log.info('held reply retried', { ...job, delivery: reply?.delivery ?? 'missing' });
    });
  });
}

export const handler = createReplyRetryHandler(lazy(replyRetryDeps));
