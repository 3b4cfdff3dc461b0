import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import { twilioSmsSender } from '../../adapters/sms/twilio-sms-sender.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import type { ComplaintsApiDeps } from '../../handlers/complaints-api.ts';
import { complaintRepository } from './complaints.ts';
import { readEnvironment } from './environment.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher } from './pipeline-parts.ts';
import { clock, log } from './runtime.ts';
import { twilioCredentials } from './twilio.ts';

/** Replies leave through the provider the stage is configured for (SMS_SENDER). */
async function smsSender(): Promise<SmsSender> {
  const { smsSender: kind } = readEnvironment(['smsSender']);
  if (kind === 'aws-eum') {
    const { smsOriginationIdentity } = readEnvironment(['smsOriginationIdentity']);
    return eumSmsSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity: smsOriginationIdentity });
  }
  if (kind !== 'twilio') throw new Error(`SMS_SENDER must be twilio or aws-eum, not ${kind}`);
  const { twilioFromNumber } = readEnvironment(['twilioFromNumber']);
  const { accountSid, authToken } = await twilioCredentials();
  return twilioSmsSender({ accountSid, authToken, from: twilioFromNumber, ...(process.env.TWILIO_API_BASE_URL ? { baseUrl: process.env.TWILIO_API_BASE_URL } : {}) });
}

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const repository = complaintRepository();
  return {
    log,
    query: { repository },
    reply: {
      repository,
      pii: await piiProtector(),
      clock,
      log,
      translator: amazonTranslator(),
      events: eventPublisher(),
      smsSender: await smsSender(),
    },
    status: { repository, clock },
  };
}
