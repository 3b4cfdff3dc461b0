import type { TwilioStatusDeps } from '../deps/sms-twilio-status.ts';
import { complaintRepository } from './complaints.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { twilioCredentials } from './twilio.ts';

export async function twilioStatusDeps(): Promise<TwilioStatusDeps> {
  const { publicBaseUrl } = readEnvironment(['publicBaseUrl']);
  return {
    log,
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
    twilioCredentials,
    reports: { repository: complaintRepository(), clock, log },
  };
}
