import type { ChatPushApiDeps } from '../deps/chat-push-api.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { pushSubscriptions, vapidKeys } from './push.ts';

export async function chatPushApiDeps(): Promise<ChatPushApiDeps> {
  return {
    auth: { accounts: chatAccountRepository(), clock },
    push: { subscriptions: pushSubscriptions(), pii: await piiProtector(), clock, log },
    vapidPublicKey: async () => (await vapidKeys())?.publicKey ?? null,
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
