import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';

/**
 * Imported on demand by sms-sender.ts. Named imports here (rather than a dynamic import of the
 * whole client package there) let esbuild drop the service's unused commands: about 40 KB.
 */
export function eumSmsSenderForStage(originationIdentity: string): SmsSender {
  return eumSmsSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity });
}
