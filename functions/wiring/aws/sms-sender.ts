import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import { twilioSmsSender } from '../../adapters/sms/twilio-sms-sender.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import { ENV } from '../env-names.ts';
import { readEnvironment } from './environment.ts';
import { twilioCredentials } from './twilio.ts';

/**
 * The SMS sender the stage is configured for (SMS_SENDER): Twilio or End User Messaging. Replies,
 * chat verification codes and reservation notices all leave through it; callers build it once with
 * the rest of their deps. Both providers are imported statically: esbuild cannot tree-shake a
 * module reached through a dynamic import(), which kept the whole SMS client (+64 KB, ADR 0008).
 */
export async function stageSmsSender(): Promise<SmsSender> {
  const { smsSender: kind } = readEnvironment(['smsSender']);
  if (kind === 'aws-eum') {
    const { smsOriginationIdentity } = readEnvironment(['smsOriginationIdentity']);
    const configurationSetName = process.env[ENV.smsConfigurationSet];
    return eumSmsSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity: smsOriginationIdentity, ...(configurationSetName ? { configurationSetName } : {}) });
  }
  if (kind !== 'twilio') throw new Error(`SMS_SENDER must be twilio or aws-eum, not ${kind}`);
  const { twilioFromNumber } = readEnvironment(['twilioFromNumber']);
  const { accountSid, authToken } = await twilioCredentials();
  const baseUrl = process.env[ENV.twilioApiBaseUrl];
  const statusCallbackBaseUrl = process.env[ENV.twilioStatusCallbackUrl];
  return twilioSmsSender({ accountSid, authToken, from: twilioFromNumber, ...(baseUrl ? { baseUrl } : {}), ...(statusCallbackBaseUrl ? { statusCallbackBaseUrl } : {}) });
}
