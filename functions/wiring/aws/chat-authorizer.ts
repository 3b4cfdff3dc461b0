import type { ChatAuthorizerDeps } from '../../handlers/chat-authorizer.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { clock, log } from './log-and-clock.ts';

export async function chatAuthorizerDeps(): Promise<ChatAuthorizerDeps> {
  return { accounts: chatAccountRepository(), clock, log };
}
