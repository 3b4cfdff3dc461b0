import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { IntakeEnvelopeSchema, type IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import type { Log } from '../../core/ports/runtime.ts';
import { describeError } from './describe-error.ts';

/** A record that can never be processed; it fails alone and reaches the DLQ after its receives. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export function parseEnvelope(record: SQSRecord): IntakeEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError(`record ${record.messageId} is not JSON`);
  }
  const parsed = IntakeEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PoisonMessageError(`record ${record.messageId} is not an intake envelope: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Handles a batch of envelopes: records are processed in parallel and fail individually
 * (partial batch response), so one poison message never makes SQS redeliver the other nine.
 */
export function consumeEnvelopes(
  event: SQSEvent,
  context: Context,
  log: Log,
  handle: (envelope: IntakeEnvelope, record: SQSRecord) => Promise<void>,
  options: {
    /** An expected failure that only asks for a later redelivery (logged at info, not reported as failed). */
    deferred?: (error: unknown) => boolean;
    /** Told of each failed record (the local queue keeps the last error beside the message). */
    onRecordFailed?: (sqsMessageId: string, error: unknown) => void;
  } = {},
): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    try {
      await handle(parseEnvelope(record), record);
    } catch (error) {
      if (options.deferred?.(error)) {
        log.info('queue record deferred: another delivery is finishing it', { sqsMessageId: record.messageId });
        throw error;
      }
      log.error('queue record failed', { sqsMessageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, ...describeError(error) });
      options.onRecordFailed?.(record.messageId, error);
      throw error;
    }
  };
  // A whole failed batch is reported item by item too: SQS then retries each one alone.
  return processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false, processInParallel: true });
}
