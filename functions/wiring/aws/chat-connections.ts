import type { ChatConnectionDeps } from '../../core/chat/connections.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { clock, log } from './runtime.ts';

export async function chatConnectionDeps(): Promise<ChatConnectionDeps> {
  return { connections: chatConnectionRepository(), clock, log };
}
