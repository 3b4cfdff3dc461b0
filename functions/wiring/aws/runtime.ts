import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SqsIntakeQueue } from '../../adapters/sqs/sqs-intake-queue.ts';
import { powertoolsLog } from '../../adapters/logging/powertools-log.ts';
import { systemClock } from '../../core/ports/runtime.ts';
import { readEnvironment } from './environment.ts';

/**
 * Per-container singletons for the Lambda runtime. Clients are created on first use (not at
 * import) so a function only pays for the clients it touches.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;

export const clock = systemClock;
export const log = powertoolsLog(process.env.POWERTOOLS_SERVICE_NAME ?? 'citizen-contact-gateway');

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function secretsClient(): SecretsManagerClient {
  secrets ??= new SecretsManagerClient({});
  return secrets;
}

export function intakeQueue(): SqsIntakeQueue {
  const { intakeQueueUrl } = readEnvironment(['intakeQueueUrl']);
  sqs ??= new SQSClient({});
  return new SqsIntakeQueue(sqs, intakeQueueUrl);
}
