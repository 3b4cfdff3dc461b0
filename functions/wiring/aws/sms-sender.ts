import type { SmsSender } from '../../core/ports/sms-sender.ts';
import { ENV } from '../env-names.ts';
import { readEnvironment } from './environment.ts';
import { twilioCredentials } from './twilio.ts';

/**
 * The SMS sender the stage is configured for (SMS_SENDER): Twilio or End User Messaging. Replies,
 * chat verification codes and reservation notices all leave through it; callers build it once with
 * the rest of their deps. Each provider's module is imported on demand, so a stage evaluates only
 * the one it uses at cold start (the bytes of both stay in the bundle).
 */
export async function stageSmsSender(): Promise<SmsSender> {
  const { smsSender: kind } = readEnvironment(['smsSender']);
  if (kind === 'aws-eum') {
    const { smsOriginationIdentity } = readEnvironment(['smsOriginationIdentity']);
    const { eumSmsSenderForStage } = await import('./eum-sms-sender-for-stage.ts');
    return eumSmsSenderForStage(smsOriginationIdentity);
  }
  if (kind !== 'twilio') throw new Error(`SMS_SENDER must be twilio or aws-eum, not ${kind}`);
  const { twilioFromNumber } = readEnvironment(['twilioFromNumber']);
  const [{ accountSid, authToken }, { twilioSmsSender }] = await Promise.all([twilioCredentials(), import('../../adapters/sms/twilio-sms-sender.ts')]);
  const baseUrl = process.env[ENV.twilioApiBaseUrl];
  return twilioSmsSender({ accountSid, authToken, from: twilioFromNumber, ...(baseUrl ? { baseUrl } : {}) });
}
