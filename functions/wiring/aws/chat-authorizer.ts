import type { ChatAuthorizerDeps } from '../deps/chat-authorizer.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { clock, log } from './log-and-clock.ts';

export async function chatAuthorizerDeps(): Promise<ChatAuthorizerDeps> {
  return { accounts: chatAccountRepository(), clock, log };
}
