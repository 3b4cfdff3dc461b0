import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { nodeRandom } from '../../adapters/chat/node-random.ts';
import { createChatAccountRepository } from '../../adapters/dynamodb/chat-account-repository.ts';
import { createChatConnectionRepository } from '../../adapters/dynamodb/chat-connection-repository.ts';
import { eumSmsSender } from '../../adapters/sms/eum-sms-sender.ts';
import { twilioSmsSender } from '../../adapters/sms/twilio-sms-sender.ts';
import type { ChatAccountRepository, ChatConnectionRepository, RandomSource } from '../../core/chat/ports.ts';
import type { SmsSender } from '../../core/ports/sms-sender.ts';
import { readEnvironment } from './environment.ts';
import { documentClient } from './runtime.ts';
import { twilioCredentials } from './twilio.ts';

let accounts: ChatAccountRepository | undefined;
let connections: ChatConnectionRepository | undefined;

export function chatAccountRepository(): ChatAccountRepository {
  const { tableName } = readEnvironment(['tableName']);
  accounts ??= createChatAccountRepository(documentClient(), tableName);
  return accounts;
}

export function chatConnectionRepository(): ChatConnectionRepository {
  const { tableName } = readEnvironment(['tableName']);
  connections ??= createChatConnectionRepository(documentClient(), tableName);
  return connections;
}

export const random: RandomSource = nodeRandom;

/** Verification codes leave through the provider the stage sends SMS with (SMS_SENDER). */
export async function chatSmsSender(): Promise<SmsSender> {
  const { smsSender: kind } = readEnvironment(['smsSender']);
  if (kind === 'aws-eum') {
    const { smsOriginationIdentity } = readEnvironment(['smsOriginationIdentity']);
    return eumSmsSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity: smsOriginationIdentity });
  }
  if (kind !== 'twilio') throw new Error(`SMS_SENDER must be twilio or aws-eum, not ${kind}`);
  const { twilioFromNumber } = readEnvironment(['twilioFromNumber']);
  const { accountSid, authToken } = await twilioCredentials();
  return twilioSmsSender({ accountSid, authToken, from: twilioFromNumber });
}
