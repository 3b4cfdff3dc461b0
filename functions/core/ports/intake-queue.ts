import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';

/** SQS intake queue in AWS; an in-process queue pumped into the same handler locally. */
export interface IntakeQueue {
  /** Sends up to any number of envelopes (batched by the adapter); rejects if any fails. */
  send(envelopes: IntakeEnvelope[], options?: { delaySeconds?: number }): Promise<void>;
}
