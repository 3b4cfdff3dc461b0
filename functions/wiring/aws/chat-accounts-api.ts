import type { ChatAccountsApiDeps } from '../../handlers/chat-accounts-api.ts';
import { chatAccountRepository, chatSmsSender, random } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { piiProtector } from './pii.ts';
import { clock, log } from './runtime.ts';

export async function chatAccountsApiDeps(): Promise<ChatAccountsApiDeps> {
  return {
    accounts: { accounts: chatAccountRepository(), pii: await piiProtector(), sms: await chatSmsSender(), random, clock, log },
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
