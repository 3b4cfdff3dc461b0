import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { IntakeEnvelopeSchema, type IntakeEnvelope } from '../../schemas/inbound-message.ts';
import { DeliveryInProgressError, ingestMessage, type IngestDeps } from '../core/ingest-message.ts';
import type { Log } from '../core/ports/runtime.ts';
import { handleSurveyAnswer, type SurveyIntakeDeps } from '../core/satisfaction/survey-intake.ts';
import { handleSmsKeyword, type SmsKeywordDeps } from '../core/sms-keyword-intake.ts';
import { translatePendingMessage, type TranslateMessageDeps } from '../core/translate-message.ts';
import { describeError } from './shared/describe-error.ts';
import { lazy } from './shared/lazy.ts';
import { pipelineDeps } from '../wiring/aws/intake-pipeline.ts';

export interface PipelineDeps {
  ingest: IngestDeps;
  /** Opt-out, opt-in and help keywords: acted on first, and never filed as complaints. */
  keywords: SmsKeywordDeps;
  translate: TranslateMessageDeps;
  /** Answers to the satisfaction question: stored on the closed complaint, never filed as complaints. */
  survey?: SurveyIntakeDeps;
  log: Log;
  /** The queue's redrive maxReceiveCount: the last delivery stores text even if media keeps failing. */
  maxReceiveCount: number;
  /** Told of each failed record (the local queue keeps the last error beside the message). */
  onRecordFailed?: (sqsMessageId: string, error: unknown) => void;
}

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
 * SQS consumer: each record is one contact or one deferred translation. Records are
 * processed in parallel and fail individually (partial batch response), so one poison
 * message never makes SQS redeliver the other nine.
 */
export function createIntakePipelineHandler(getDeps: () => Promise<PipelineDeps>) {
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const processor = new BatchProcessor(EventType.SQS);
    const handleRecord = async (record: SQSRecord): Promise<void> => {
      try {
        const envelope = parseEnvelope(record);
        if (envelope.kind === 'inbound') {
          const lastAttempt = Number(record.attributes.ApproximateReceiveCount) >= deps.maxReceiveCount;
          const { opensComplaint } = await handleSmsKeyword(deps.keywords, envelope.message);
          const { opensComplaint: notAnAnswer } = opensComplaint && deps.survey ? await handleSurveyAnswer(deps.survey, envelope.message) : { opensComplaint };
          if (notAnAnswer) await ingestMessage(deps.ingest, envelope.message, { lastAttempt });
        } else {
          await translatePendingMessage(deps.translate, envelope);
        }
      } catch (error) {
        if (error instanceof DeliveryInProgressError) {
          // A concurrent duplicate: failing the record makes SQS redeliver it once that delivery is done.
          deps.log.info('intake record deferred: another delivery is finishing it', { sqsMessageId: record.messageId });
          throw error;
        }
        deps.log.error('intake record failed', {
          sqsMessageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          ...describeError(error),
        });
        deps.onRecordFailed?.(record.messageId, error);
        throw error;
      }
    };
    // A whole failed batch is reported item by item too: SQS then retries each one alone.
    return processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false, processInParallel: true });
  });
}

export const handler = createIntakePipelineHandler(lazy(pipelineDeps));
