import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DeliveryInProgressError, ingestMessage, type IngestDeps } from '../core/ingest-message.ts';
import type { Log } from '../core/ports/runtime.ts';
import { handleSmsKeyword, type SmsKeywordDeps } from '../core/sms-keyword-intake.ts';
import { translatePendingMessage, type TranslateMessageDeps } from '../core/translate-message.ts';
import { consumeEnvelopes, PoisonMessageError } from './shared/queue-envelope.ts';
import { lazy } from './shared/lazy.ts';
import { pipelineDeps } from '../wiring/aws/intake-pipeline.ts';

export interface PipelineDeps {
  ingest: IngestDeps;
  /** Opt-out, opt-in and help keywords: acted on first, and never filed as complaints. */
  keywords: SmsKeywordDeps;
  translate: TranslateMessageDeps;
  log: Log;
  /** The queue's redrive maxReceiveCount: the last delivery stores text even if media keeps failing. */
  maxReceiveCount: number;
  /** Told of each failed record (the local queue keeps the last error beside the message). */
  onRecordFailed?: (sqsMessageId: string, error: unknown) => void;
}

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
