import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import { readXReplyEnv } from '../../adapters/x/x-reply-env.ts';
import { twilioSmsSender } from '../../adapters/sms/twilio-sms-sender.ts';
import type { ComplaintRepository } from '../../core/ports/complaint-repository.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import type { ChannelSend } from '../../core/reply.ts';
import type { ComplaintsApiDeps } from '../../handlers/complaints-api.ts';
import { complaintRepository } from './complaints.ts';
import { readEnvironment } from './environment.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher } from './pipeline-parts.ts';
import { clock, log } from './log-and-clock.ts';
import { secretsClient } from './secrets-client.ts';
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

/**
 * X replies when the stage has the X channel (CDK sets X_SECRET_ARN then); credentials read
 * once per container. Imported lazily: stages without X never evaluate twitter-api-v2.
 */
async function xSender(complaints: ComplaintRepository): Promise<ChannelSend | null> {
  const env = readXReplyEnv();
  if (!env) return null;
  const [{ buildXChannelSend }, { loadXCredentials }] = await Promise.all([
    import('../../adapters/x/build-x-channel-send.ts'),
    import('../../adapters/x/x-credentials.ts'),
  ]);
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  return buildXChannelSend({
    credentials,
    ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
    complaints,
    privateChannels: env.privateChannels,
    allowedPublicContacts: env.allowedPublicContacts,
    log,
  });
}

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const repository = complaintRepository();
  const x = await xSender(repository);
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
      ...(x ? { senders: { x } } : {}),
    },
    status: { repository, clock },
  };
}
