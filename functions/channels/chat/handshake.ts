import type { WebSocketEvent } from '../../../schemas/chat-websocket-events.ts';
import { CHAT_LANGUAGES, type ChatLanguage } from '../../core/chat/model.ts';
import { ACCOUNT_ID_PATTERN } from '../../core/chat/secrets.ts';

/** The subprotocol the chat page speaks; echoed on $connect so browsers accept the handshake. */
export const CHAT_SUBPROTOCOL = 'citizen-chat';

function headerOf(headers: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted && value !== undefined) return value;
  return undefined;
}

export function offeredProtocols(headers: Record<string, string | undefined> | null | undefined): string[] {
  return (headerOf(headers, 'sec-websocket-protocol') ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/**
 * The chat token of a $connect request: the `token` query parameter, or an entry of
 * Sec-WebSocket-Protocol (browsers cannot set other headers on a WebSocket; the page offers
 * `citizen-chat, <token>` so the token stays out of URLs and access logs).
 */
export function tokenFromHandshake(request: {
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
}): string | null {
  const fromQuery = request.queryStringParameters?.token?.trim();
  if (fromQuery) return fromQuery;
  const fromProtocol = offeredProtocols(request.headers).find((value) => value !== CHAT_SUBPROTOCOL);
  return fromProtocol ?? null;
}

/** The hash of the token the authorizer accepted (SHA-256, base64url), when it passed one. */
export function tokenHashOf(event: WebSocketEvent): string | undefined {
  const value = event.requestContext.authorizer?.tokenHash;
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The chat account's language, from the authorizer's context. */
export function accountLanguageOf(event: WebSocketEvent): ChatLanguage | undefined {
  const value = event.requestContext.authorizer?.language;
  return (CHAT_LANGUAGES as readonly unknown[]).includes(value) ? (value as ChatLanguage) : undefined;
}

/** The account the authorizer vouched for (its context reaches every route of the connection). */
export function accountOf(event: WebSocketEvent): string | null {
  const accountId = event.requestContext.authorizer?.accountId ?? event.requestContext.authorizer?.principalId;
  return typeof accountId === 'string' && ACCOUNT_ID_PATTERN.test(accountId) ? accountId : null;
}
