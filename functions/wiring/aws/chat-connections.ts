import type { ChatConnectionDeps } from '../../core/chat/connections.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { clock, log } from './log-and-clock.ts';

export async function chatConnectionDeps(): Promise<ChatConnectionDeps> {
  return { connections: chatConnectionRepository(), clock, log };
}
