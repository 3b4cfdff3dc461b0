import { previewReceipt, receiptNoFor } from '../../core/receipt.ts';
import type { TwilioWebhookDeps } from '../deps/sms-twilio-webhook.ts';
import { complaintRepository } from './complaints.ts';
import { readEnvironment } from './environment.ts';
import { piiProtector } from './pii.ts';
import { clock, log } from './log-and-clock.ts';
import { intakeQueue } from './sqs-intake.ts';
import { twilioCredentials } from './twilio.ts';

export async function twilioWebhookDeps(): Promise<TwilioWebhookDeps> {
  const { publicBaseUrl } = readEnvironment(['publicBaseUrl']);
  const repository = complaintRepository();
  const pii = await piiProtector();
  return {
    log,
    clock,
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
    twilioCredentials,
    intake: intakeQueue(),
    previewReceipt: (message) => previewReceipt({ repository, pii }, message),
    receiptFor: receiptNoFor,
    previewBudgetMs: 1500,
  };
}
