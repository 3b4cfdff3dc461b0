import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ingestMessage, type IngestDeps } from '../core/ingest-message.ts';
import type { Log } from '../core/ports/runtime.ts';
import { translatePendingMessage, type TranslateMessageDeps } from '../core/translate-message.ts';
import { consumeEnvelopes, PoisonMessageError } from './shared/queue-envelope.ts';
import { lazy } from './shared/lazy.ts';
import { pipelineDeps } from '../wiring/aws/intake-pipeline.ts';

export interface PipelineDeps {
  ingest: IngestDeps;
  translate: TranslateMessageDeps;
  log: Log;
  /** The queue's redrive maxReceiveCount: the last delivery stores text even if media keeps failing. */
  maxReceiveCount: number;
}

/** SQS consumer of the intake queue: each record is one contact or one deferred translation. */
export function createIntakePipelineHandler(getDeps: () => Promise<PipelineDeps>) {
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    return consumeEnvelopes(event, context, deps.log, async (envelope, record) => {
      if (envelope.kind === 'inbound') {
        const lastAttempt = Number(record.attributes.ApproximateReceiveCount) >= deps.maxReceiveCount;
        await ingestMessage(deps.ingest, envelope.message, { lastAttempt });
      } else if (envelope.kind === 'translate') {
        await translatePendingMessage(deps.translate, envelope);
      } else {
        throw new PoisonMessageError(`record ${record.messageId} is a reply retry; it belongs on the reply retry queue`);
      }
    });
  });
}

export const handler = createIntakePipelineHandler(lazy(pipelineDeps));
