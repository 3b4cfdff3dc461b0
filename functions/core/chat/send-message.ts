import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { ServerFrame } from '../../../schemas/chat-frames.ts';
import type { SelfServiceRef } from '../../../schemas/self-service.ts';
import type { IntakeQueue } from '../ports/intake-queue.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { parseClientFrame } from './frames.ts';
import { resolveChatPolicy, type ChatLanguage, type ChatPolicy } from './model.ts';
import type { ChatConnectionRepository, ConnectionSender } from './ports.ts';
import { deliverUndelivered } from './reply-delivery.ts';

export interface ChatMessageDeps {
  connections: ChatConnectionRepository;
  sender: ConnectionSender;
  intake: IntakeQueue;
  /** The receipt number the citizen can use: their open chat complaint's, or the new one's. */
  previewReceipt(message: InboundMessage): Promise<{ receiptNo: string }>;
  clock: Clock;
  log: Log;
  policy?: Partial<ChatPolicy>;
}

export interface ChatFrameContext {
  connectionId: string;
  accountId: string;
  /** The account's language (authorizer context): the intake's language hint. */
  language?: ChatLanguage;
  /** WebSocket message id from API Gateway, for the log only. */
  requestId?: string;
}

/** The canonical message for a chat frame; the provider id makes a resent frame the same message. */
export function chatInboundMessage(accountId: string, clientMessageId: string, text: string, receivedAt: Date, language?: ChatLanguage, selfService?: SelfServiceRef): InboundMessage {
  return {
    ...(selfService ? { selfService } : {}),
    ...(language ? { languageHint: language } : {}),
    channel: 'chat',
    provider: 'websocket',
    providerMessageId: `${accountId}:${clientMessageId}`,
    citizenHandle: accountId,
    citizenHandleKind: 'chat-account',
    text,
    media: [],
    receivedAt: receivedAt.toISOString(),
  };
}

/**
 * Handles one client frame on an open connection: validates it, applies the account's rate
 * limit (shared by all its connections), enqueues an accepted message and answers with an ack naming the receipt
 * number, or with an error frame. The frame sent back is also returned (for tests and logs).
 */
export async function handleClientFrame(deps: ChatMessageDeps, context: ChatFrameContext, body: string | null | undefined): Promise<ServerFrame> {
  const policy = resolveChatPolicy(deps.policy);
  const parsed = parseClientFrame(body, policy);
  const logContext = { connectionId: context.connectionId, accountId: context.accountId };

  if (parsed.kind === 'error') {
    deps.log.info('chat frame refused', { ...logContext, code: parsed.frame.code });
    await deps.sender.post(context.connectionId, parsed.frame);
    return parsed.frame;
  }
  if (parsed.kind === 'sync') {
    const delivered = await deliverUndelivered(deps, context);
    const frame: ServerFrame = { type: 'synced', delivered };
    await deps.sender.post(context.connectionId, frame);
    return frame;
  }

  const { clientMessageId, text, selfService } = parsed.frame;
  const now = deps.clock.now();
  const windowStart = now.getTime() - (now.getTime() % policy.rateLimitWindowMs);
  // Per account, not per connection: opening more sockets must not buy more messages.
  const allowed = await deps.connections.countMessage(context.accountId, {
    start: windowStart,
    lengthMs: policy.rateLimitWindowMs,
    limit: policy.rateLimitMessages,
  });
  if (!allowed) {
    const frame: ServerFrame = {
      type: 'error',
      code: 'rate_limited',
      message: `at most ${policy.rateLimitMessages} messages per ${policy.rateLimitWindowMs / 1000} s per account; resend the same message later`,
      clientMessageId,
      retryAfterMs: windowStart + policy.rateLimitWindowMs - now.getTime(),
    };
    deps.log.warn('chat rate limit hit', logContext);
    await deps.sender.post(context.connectionId, frame);
    return frame;
  }

  const message = chatInboundMessage(context.accountId, clientMessageId, text, now, context.language, selfService);
  await deps.intake.send([{ kind: 'inbound', message }]);
  const { receiptNo } = await deps.previewReceipt(message);
  const ack: ServerFrame = { type: 'ack', clientMessageId, receiptNo };
  deps.log.info('chat message accepted', { ...logContext, clientMessageId, chars: [...text].length });
  await deps.sender.post(context.connectionId, ack);
  return ack;
}
