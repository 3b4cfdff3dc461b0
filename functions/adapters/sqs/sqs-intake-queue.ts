import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';

const SQS_BATCH_LIMIT = 10;
const MAX_ROUNDS = 4;

/** Thrown when SQS keeps refusing some entries; the caller must not acknowledge the contact. */
export class IntakeEnqueueError extends Error {
  override readonly name = 'IntakeEnqueueError';
}

/**
 * SQS adapter for the intake port. Sends in batches of ten and resends only the entries
 * SQS reported as failed, so a partial failure never duplicates the ones that succeeded
 * (duplicates would be harmless anyway: the pipeline dedupes on provider ids).
 */
export class SqsIntakeQueue implements IntakeQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(envelopes: IntakeEnvelope[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (let start = 0; start < envelopes.length; start += SQS_BATCH_LIMIT) {
      await this.sendChunk(envelopes.slice(start, start + SQS_BATCH_LIMIT), options.delaySeconds);
    }
  }

  private async sendChunk(chunk: IntakeEnvelope[], delaySeconds: number | undefined): Promise<void> {
    let pending = chunk.map((envelope, index) => ({ id: String(index), body: JSON.stringify(envelope) }));
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round += 1) {
      const result = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: pending.map((entry) => ({
            Id: entry.id,
            MessageBody: entry.body,
            ...(delaySeconds !== undefined ? { DelaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))) } : {}),
          })),
        }),
      );
      const failedIds = new Set((result.Failed ?? []).map((failure) => failure.Id));
      const permanent = (result.Failed ?? []).filter((failure) => failure.SenderFault);
      if (permanent.length > 0) {
        throw new IntakeEnqueueError(`SQS refused ${permanent.length} message(s): ${permanent.map((f) => f.Code).join(', ')}`);
      }
      pending = pending.filter((entry) => failedIds.has(entry.id));
    }
    if (pending.length > 0) throw new IntakeEnqueueError(`SQS kept failing ${pending.length} message(s)`);
  }
}
