import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DeliveryInProgressError, ingestMessage } from '../core/ingest-message.ts';
import { handleSmsKeyword } from '../core/sms-keyword-intake.ts';
import { translatePendingMessage } from '../core/translate-message.ts';
import { consumeEnvelopes, PoisonMessageError } from './shared/queue-envelope.ts';
import { lazy } from './shared/lazy.ts';
import { pipelineDeps } from '../wiring/aws/intake-pipeline.ts';
import type { PipelineDeps } from '../wiring/deps/intake-pipeline.ts';

/** SQS consumer of the intake queue: each record is one contact or one deferred translation. */
export function createIntakePipelineHandler(getDeps: () => Promise<PipelineDeps>) {
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    return consumeEnvelopes(
      event,
      context,
      deps.log,
      async (envelope, record) => {
        if (envelope.kind === 'inbound') {
          const lastAttempt = Number(record.attributes.ApproximateReceiveCount) >= deps.maxReceiveCount;
          const { opensComplaint } = await handleSmsKeyword(deps.keywords, envelope.message);
          if (opensComplaint) await ingestMessage(deps.ingest, envelope.message, { lastAttempt });
        } else if (envelope.kind === 'translate') {
          await translatePendingMessage(deps.translate, envelope);
        } else {
          throw new PoisonMessageError(`record ${record.messageId} is a reply retry; it belongs on the reply retry queue`);
        }
      },
      {
        // A concurrent duplicate: failing the record makes SQS redeliver it once that delivery is done.
        deferred: (error) => error instanceof DeliveryInProgressError,
        ...(deps.onRecordFailed ? { onRecordFailed: deps.onRecordFailed } : {}),
      },
    );
  });
}

export const handler = createIntakePipelineHandler(lazy(pipelineDeps));
