import type { ChatAccountsApiDeps } from '../../handlers/chat-accounts-api.ts';
import { chatAccountRepository, random } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { piiProtector } from './pii.ts';
import { stageSmsSender } from './sms-sender.ts';
import { clock, log } from './log-and-clock.ts';

export async function chatAccountsApiDeps(): Promise<ChatAccountsApiDeps> {
  return {
    accounts: { accounts: chatAccountRepository(), pii: await piiProtector(), sms: await stageSmsSender(), random, clock, log },
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
