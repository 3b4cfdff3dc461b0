import type { ServerResponse } from 'node:http';
import { readBody, sendJson, startLocalHttp, type LocalHttpServer } from './local-http.ts';

export interface PostedMessage {
  participantToken: string;
  content: string;
  clientToken: string;
}

/**
 * A local stand-in for the Amazon Connect Participant Service wire format (REST + JSON, bearer
 * tokens in X-Amz-Bearer, restJson1 errors with x-amzn-errortype): CreateParticipantConnection
 * and SendMessage, with Connect's ClientToken idempotency and ended chats answering 403.
 */
export interface FakeConnectParticipant extends LocalHttpServer {
  /** Messages accepted, in order (a repeated ClientToken is accepted once). */
  messages: PostedMessage[];
  requests: Array<{ path: string; bearer: string | undefined; body: Record<string, unknown> }>;
  /** The chat of this participant token ends: its tokens are refused from now on. */
  end(participantToken: string): void;
  /** A participant token of a chat started later. */
  accept(participantToken: string): void;
  /** The next n requests answer 429 ThrottlingException. */
  throttle(n: number): void;
}

function error(response: ServerResponse, status: number, type: string, message: string): void {
  response.setHeader('x-amzn-errortype', `${type}:http://internal.amazon.com/coral/com.amazonaws.connectparticipant/`);
  sendJson(response, status, { message });
}

export async function startFakeConnectParticipant(validParticipantTokens: readonly string[]): Promise<FakeConnectParticipant> {
  const live = new Set(validParticipantTokens);
  const connections = new Map<string, string>();
  const seen = new Set<string>();
  const messages: PostedMessage[] = [];
  const requests: FakeConnectParticipant['requests'] = [];
  let throttled = 0;
  const server = await startLocalHttp(async (request, response) => {
    const bearer = request.headers['x-amz-bearer'] as string | undefined;
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    requests.push({ path: request.url ?? '', bearer, body });
    if (throttled > 0) {
      throttled -= 1;
      return error(response, 429, 'ThrottlingException', 'Rate exceeded');
    }
    if (request.method !== 'POST' || request.headers['content-type'] !== 'application/json') return error(response, 400, 'ValidationException', 'POST application/json expected');
    if (request.url === '/participant/connection') {
      if (!bearer || !live.has(bearer)) return error(response, 403, 'AccessDeniedException', 'Participant token is not valid');
      if (JSON.stringify(body.Type) !== JSON.stringify(['CONNECTION_CREDENTIALS'])) return error(response, 400, 'ValidationException', 'Type');
      const connectionToken = `connection-${connections.size + 1}`;
      connections.set(connectionToken, bearer);
      return sendJson(response, 200, { ConnectionCredentials: { ConnectionToken: connectionToken, Expiry: '2026-12-01T00:00:00.000Z' } });
    }
    if (request.url === '/participant/message') {
      const participantToken = bearer ? connections.get(bearer) : undefined;
      if (!participantToken || !live.has(participantToken)) return error(response, 403, 'AccessDeniedException', 'Connection token is not valid');
      const content = String(body.Content ?? '');
      const clientToken = String(body.ClientToken ?? '');
      if (body.ContentType !== 'text/plain' || content.length < 1 || content.length > 1024) return error(response, 400, 'ValidationException', 'Content');
      if (!seen.has(`${participantToken}/${clientToken}`)) {
        seen.add(`${participantToken}/${clientToken}`);
        messages.push({ participantToken, content, clientToken });
      }
      return sendJson(response, 200, { Id: `message-${messages.length}`, AbsoluteTime: '2026-11-29T00:00:00.000Z' });
    }
    return error(response, 404, 'ResourceNotFoundException', `no route ${request.url}`);
  });
  return {
    ...server,
    messages,
    requests,
    end: (participantToken) => void live.delete(participantToken),
    accept: (participantToken) => void live.add(participantToken),
    throttle: (n) => void (throttled = n),
  };
}
