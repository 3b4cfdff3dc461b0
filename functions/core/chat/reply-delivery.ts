import type { ServerFrame } from '../../../schemas/chat-frames.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ChatConnectionRepository, ConnectionSender } from './ports.ts';

export interface ChatReplyDeps {
  connections: ChatConnectionRepository;
  sender: ConnectionSender;
  clock: Clock;
  log: Log;
}

export interface ChatReplyInput {
  accountId: string;
  replyId: string;
  text: string;
  receiptNo?: string;
}

export type ChatReplyResult =
  /** Pushed to at least one live connection. */
  | { delivery: 'pushed'; connections: number }
  /** No live connection took it: kept for the citizen's next connection. */
  | { delivery: 'queued' };

/**
 * Pushes a counselor reply to every live connection of the account. Connections that are
 * gone (410) are removed. When none took it the reply is kept as undelivered, and the next
 * connection's sync delivers it: nothing a counselor writes is lost.
 */
export async function pushReply(deps: ChatReplyDeps, input: ChatReplyInput): Promise<ChatReplyResult> {
  const at = deps.clock.now().toISOString();
  const frame: ServerFrame = { type: 'reply', replyId: input.replyId, text: input.text, ...(input.receiptNo ? { receiptNo: input.receiptNo } : {}), at };
  const pushed = await pushToAccount(deps, input.accountId, frame);
  if (pushed > 0) {
    deps.log.info('chat reply pushed', { accountId: input.accountId, replyId: input.replyId, connections: pushed });
    return { delivery: 'pushed', connections: pushed };
  }
  await deps.connections.putUndelivered({
    accountId: input.accountId,
    replyId: input.replyId,
    text: input.text,
    ...(input.receiptNo ? { receiptNo: input.receiptNo } : {}),
    at,
  });
  deps.log.info('chat reply queued until the citizen reconnects', { accountId: input.accountId, replyId: input.replyId });
  return { delivery: 'queued' };
}

async function pushToAccount(deps: ChatReplyDeps, accountId: string, frame: ServerFrame): Promise<number> {
  const live = await deps.connections.listConnections(accountId, deps.clock.now().toISOString());
  const results = await Promise.all(
    live.map(async (connection) => {
      const result = await deps.sender.post(connection.connectionId, frame).catch((error: unknown) => {
        deps.log.warn('chat push failed', { accountId, connectionId: connection.connectionId, errorName: error instanceof Error ? error.name : 'unknown' });
        return 'failed' as const;
      });
      if (result === 'gone') await deps.connections.deleteConnection(accountId, connection.connectionId);
      return result;
    }),
  );
  return results.filter((result) => result === 'delivered').length;
}

/**
 * Delivers the account's waiting replies to one connection, oldest first, marking each
 * delivered once the connection took it. Stops at the first failure so order is kept.
 */
export async function deliverUndelivered(deps: ChatReplyDeps, context: { accountId: string; connectionId: string }): Promise<number> {
  const waiting = await deps.connections.listUndelivered(context.accountId);
  let delivered = 0;
  for (const reply of waiting) {
    const frame: ServerFrame = { type: 'reply', replyId: reply.replyId, text: reply.text, ...(reply.receiptNo ? { receiptNo: reply.receiptNo } : {}), at: reply.at };
    const result = await deps.sender.post(context.connectionId, frame);
    if (result === 'gone') {
      await deps.connections.deleteConnection(context.accountId, context.connectionId);
      break;
    }
    await deps.connections.markDelivered(context.accountId, reply.replyId, deps.clock.now().toISOString());
    delivered += 1;
  }
  if (waiting.length > 0) deps.log.info('chat replies delivered after reconnect', { ...context, delivered, waiting: waiting.length });
  return delivered;
}
