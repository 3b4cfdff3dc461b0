import type { Clock, Log } from '../ports/runtime.ts';
import { resolveChatPolicy, type ChatPolicy } from './model.ts';
import type { ChatConnectionRepository } from './ports.ts';

export interface ChatConnectionDeps {
  connections: ChatConnectionRepository;
  clock: Clock;
  log: Log;
  policy?: Partial<ChatPolicy>;
}

/**
 * Records a connection at $connect. It expires on its own: $disconnect is best effort.
 * Waiting replies are not pushed here: API Gateway refuses PostToConnection until $connect
 * has returned, so the client's first frame (sync) collects them.
 */
export async function openConnection(deps: ChatConnectionDeps, input: { connectionId: string; accountId: string; tokenHash?: string }): Promise<void> {
  const policy = resolveChatPolicy(deps.policy);
  const now = deps.clock.now();
  await deps.connections.putConnection({
    connectionId: input.connectionId,
    accountId: input.accountId,
    ...(input.tokenHash ? { tokenHash: input.tokenHash } : {}),
    connectedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + policy.connectionTtlMs).toISOString(),
  });
  deps.log.info('chat connected', { connectionId: input.connectionId, accountId: input.accountId });
}

export async function closeConnection(deps: ChatConnectionDeps, input: { connectionId: string; accountId: string }): Promise<void> {
  await deps.connections.deleteConnection(input.accountId, input.connectionId);
  deps.log.info('chat disconnected', input);
}
