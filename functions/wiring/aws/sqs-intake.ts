import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsIntakeQueue } from '../../adapters/sqs/sqs-intake-queue.ts';
import { readEnvironment } from './environment.ts';

let sqs: SQSClient | undefined;

/** The intake queue (INTAKE_QUEUE_URL) over the container's SQS client, created on first use. */
export function intakeQueue(): SqsIntakeQueue {
  const { intakeQueueUrl } = readEnvironment(['intakeQueueUrl']);
  sqs ??= new SQSClient({});
  return new SqsIntakeQueue(sqs, intakeQueueUrl);
}
