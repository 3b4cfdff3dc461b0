import middy from '@middy/core';
import type { ServerFrame } from '../../schemas/chat-frames.ts';
import type { WebSocketEvent, WebSocketResult } from '../../schemas/chat-websocket-events.ts';
import { accountLanguageOf, accountOf } from '../channels/chat/handshake.ts';
import { handleClientFrame } from '../core/chat/send-message.ts';
import { lazy, withinBudget } from './shared/lazy.ts';
import { chatMessageDeps } from '../wiring/aws/chat-message.ts';
import type { ChatMessageHandlerDeps } from '../wiring/deps/chat-message.ts';

/**
 * sendMessage and $default routes: every client frame lands here. Bad frames get an error
 * frame and the connection stays open (the handler answers 200 either way); a failure of
 * ours gets an `internal` error frame so the page resends the same clientMessageId later.
 */
export function createChatMessageHandler(getDeps: () => Promise<ChatMessageHandlerDeps>) {
  const base = async (event: WebSocketEvent): Promise<WebSocketResult> => {
    const deps = await getDeps();
    const { connectionId } = event.requestContext;
    const sender = deps.senderFor(event.requestContext);
    const accountId = accountOf(event);
    if (!accountId) {
      deps.log.error('chat frame without an authorised account', { connectionId });
      await sender.post(connectionId, { type: 'error', code: 'internal', message: 'connection is not authorised; reconnect' } satisfies ServerFrame);
      return { statusCode: 403 };
    }
    const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const language = accountLanguageOf(event);
    try {
      await handleClientFrame(
        {
          connections: deps.connections,
          sender,
          intake: deps.intake,
          previewReceipt: async (message) => {
            const { value } = await withinBudget(deps.previewReceipt(message), deps.previewBudgetMs, () => ({ receiptNo: deps.receiptFor(message) }));
            return value;
          },
          clock: deps.clock,
          log: deps.log,
          ...(deps.policy ? { policy: deps.policy } : {}),
        },
        { connectionId, accountId, ...(language ? { language } : {}), ...(event.requestContext.messageId ? { requestId: event.requestContext.messageId } : {}) },
        body,
      );
      return { statusCode: 200 };
    } catch (error) {
      deps.log.error('chat frame failed', { connectionId, accountId, errorName: error instanceof Error ? error.name : 'unknown' });
      const clientMessageId = clientMessageIdOf(body);
      await sender
        .post(connectionId, {
          type: 'error',
          code: 'internal',
          message: 'the message could not be accepted now; it will be resent',
          ...(clientMessageId ? { clientMessageId } : {}),
        } satisfies ServerFrame)
        .catch(() => undefined);
      return { statusCode: 500 };
    }
  };
  return middy(base);
}

function clientMessageIdOf(body: string | null | undefined): string | undefined {
  try {
    const value: unknown = JSON.parse(body ?? '');
    if (value && typeof value === 'object' && 'clientMessageId' in value && typeof value.clientMessageId === 'string') return value.clientMessageId.slice(0, 64);
  } catch {
    // not JSON: nothing to name
  }
  return undefined;
}

export const handler = createChatMessageHandler(lazy(chatMessageDeps));
