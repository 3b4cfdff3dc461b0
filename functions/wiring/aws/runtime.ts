/**
 * Every per-container singleton of the Lambda runtime in one import, for wiring that uses them
 * all (the X poller, reservations). Importing this module bundles DynamoDB, SQS and Secrets
 * Manager whether or not they are called (the SDK packages are not side-effect free), so wiring
 * that needs fewer imports the one module per client instead (ADR 0008).
 */
export { documentClient } from './dynamo-client.ts';
export { clock, log } from './log-and-clock.ts';
export { secretsClient } from './secrets-client.ts';
export { intakeQueue } from './sqs-intake.ts';
