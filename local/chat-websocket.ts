import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { AuthorizerPolicy, WebSocketAuthorizerEvent, WebSocketEvent, WebSocketRequestContext, WebSocketResult } from '../schemas/chat-websocket-events.ts';
import type { InboundMessage } from '../schemas/inbound-message.ts';
import { nodeRandom } from '../functions/adapters/chat/node-random.ts';
import { createChatAccountRepository } from '../functions/adapters/dynamodb/chat-account-repository.ts';
import { createChatConnectionRepository } from '../functions/adapters/dynamodb/chat-connection-repository.ts';
import { chatChannelSend } from '../functions/channels/chat/chat-reply-sender.ts';
import { chatAccountsDirectory, chatReservationNotifier } from '../functions/channels/chat/chat-reservation-bridge.ts';
import type { ChatPolicy } from '../functions/core/chat/model.ts';
import type { ChatAccountRepository, ChatConnectionRepository, ConnectionSender, PostResult, RandomSource } from '../functions/core/chat/ports.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { SmsSender } from '../functions/core/ports/sms-sender.ts';
import type { ChatAccounts, ReservationNotifier } from '../functions/core/reservations/ports.ts';
import { previewReceipt, receiptNoFor } from '../functions/core/receipt.ts';
import { CHAT_ACCOUNT_ROUTES, createChatAccountsApiHandler } from '../functions/handlers/chat-accounts-api.ts';
import { createChatAuthorizerHandler } from '../functions/handlers/chat-authorizer.ts';
import { createChatConnectHandler } from '../functions/handlers/chat-connect.ts';
import { createChatDisconnectHandler } from '../functions/handlers/chat-disconnect.ts';
import { createChatMessageHandler } from '../functions/handlers/chat-message.ts';
import { lambdaContext } from './apigw-event.ts';

type Lambda<E, R> = (event: E, context: Context) => Promise<R>;

export interface ChatWebSocketHandlers {
  authorizer: Lambda<WebSocketAuthorizerEvent, AuthorizerPolicy>;
  connect: Lambda<WebSocketEvent, WebSocketResult>;
  disconnect: Lambda<WebSocketEvent, WebSocketResult>;
  message: Lambda<WebSocketEvent, WebSocketResult>;
}

export interface AttachChatOptions {
  path: '/chat';
  handlers: ChatWebSocketHandlers;
  /** The sender the message handler posts with; the sockets opened here are registered in it. */
  sender: LocalConnectionSender;
  stage?: string;
  /** Route keys besides $default, as the API's route selection expression ($request.body.action) picks them. */
  routeKeys?: readonly string[];
  onError?: (error: unknown) => void;
  /**
   * A client broke the WebSocket protocol (a frame over 128 KB, a text frame of invalid UTF-8):
   * its connection is closed with 1009/1007, and only it.
   */
  onClientError?: (error: unknown) => void;
  /** Checked before the authorizer runs: a refusal (status and reason) answers the upgrade instead. */
  admit?: (request: IncomingMessage) => { status: number; error: string } | null;
}

export interface ChatWebSocketAttachment {
  /** Open sockets. */
  connectionCount(): number;
  /** Drops every socket without a close frame, as a network failure would. */
  dropAll(): void;
  close(): Promise<void>;
}

const LOCAL_API_ID = 'localchat';
const REGION = 'ap-northeast-2';
const ACCOUNT = '000000000000';

/**
 * The local stand-in for API Gateway's @connections: posts to the open socket, 'gone' once
 * it is closed (PostToConnection's 410).
 */
export class LocalConnectionSender implements ConnectionSender {
  readonly #sockets = new Map<string, WebSocket>();

  register(connectionId: string, socket: WebSocket): void {
    this.#sockets.set(connectionId, socket);
  }

  unregister(connectionId: string): void {
    this.#sockets.delete(connectionId);
  }

  async post(connectionId: string, frame: unknown): Promise<PostResult> {
    const socket = this.#sockets.get(connectionId);
    if (!socket || socket.readyState !== WebSocket.OPEN) return 'gone';
    return new Promise<PostResult>((resolve) => socket.send(JSON.stringify(frame), (error) => resolve(error ? 'gone' : 'delivered')));
  }

  /** DeleteConnection: the server closes the socket (1008, policy violation, as the token no longer holds). */
  async disconnect(connectionId: string): Promise<void> {
    const socket = this.#sockets.get(connectionId);
    if (socket && socket.readyState === WebSocket.OPEN) socket.close(1008, 'token revoked');
  }
}

function singleValued(request: IncomingMessage) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] ?? '';
    const value = request.rawHeaders[i + 1] ?? '';
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const url = new URL(request.url ?? '/', 'http://local');
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    query[key] = value;
    (multiQuery[key] ??= []).push(value);
  }
  return { headers, multiValueHeaders, query, multiQuery, url };
}

function reject(socket: Duplex, status: number, reason: string, message = reason): void {
  if (socket.destroyed) return;
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n\r\n${JSON.stringify({ message })}`,
  );
  socket.destroy();
}

/**
 * Serves the chat WebSocket protocol at `path` on a node:http server, the way API Gateway
 * does: REQUEST authorizer (401 without a token, 403 on Deny), $connect, then every frame
 * routed by its `action` to sendMessage or $default, and $disconnect on close, all through
 * the same Lambda handlers with API Gateway WebSocket-shaped events.
 */
export function attachChatWebSocket(server: Server, options: AttachChatOptions): ChatWebSocketAttachment {
  const stage = options.stage ?? 'local';
  const routeKeys = new Set(options.routeKeys ?? ['sendMessage']);
  const wss = new WebSocketServer({
    noServer: true,
    // API Gateway's WebSocket message limit; the handler's own 8 KB limit answers below it.
    maxPayload: 128 * 1024,
    // The protocol $connect echoed (Sec-WebSocket-Protocol), as API Gateway passes it on.
    handleProtocols: (_protocols, request) => selected.get(request) ?? false,
  });
  const selected = new WeakMap<IncomingMessage, string>();
  const sockets = new Set<WebSocket>();
  const onError = options.onError ?? (() => undefined);
  const onClientError = options.onClientError ?? (() => undefined);
  wss.on('error', onError);
  // Handler runs still going; close() waits for them so nothing runs against a closed store.
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  };

  const context = (routeKey: string, eventType: WebSocketRequestContext['eventType'], connectionId: string, domainName: string, extra: Partial<WebSocketRequestContext> = {}): WebSocketRequestContext => ({
    routeKey,
    eventType,
    connectionId,
    domainName,
    stage,
    apiId: LOCAL_API_ID,
    requestId: randomUUID(),
    requestTimeEpoch: Date.now(),
    messageDirection: 'IN',
    ...extra,
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { headers, multiValueHeaders, query, multiQuery, url } = singleValued(request);
    if (url.pathname !== options.path) {
      if (server.listenerCount('upgrade') === 1) reject(socket, 404, 'Not Found');
      return;
    }
    const refused = options.admit?.(request);
    if (refused) return reject(socket, refused.status, 'Forbidden', refused.error);
    // node:http hands the socket over with no error listener; ws adds its own only in handleUpgrade.
    const onSocketError = (error: unknown) => {
      onClientError(error);
      socket.destroy();
    };
    socket.on('error', onSocketError);
    void track((async () => {
      const connectionId = randomBytes(12).toString('base64');
      const domainName = request.headers.host ?? 'localhost';
      const connectedAt = Date.now();
      const identity = { sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: request.headers['user-agent'] ?? '' };
      const base = context('$connect', 'CONNECT', connectionId, domainName, { connectedAt, identity });

      let policy: AuthorizerPolicy;
      try {
        policy = await options.handlers.authorizer(
          {
            type: 'REQUEST',
            methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${LOCAL_API_ID}/${stage}/$connect`,
            headers,
            multiValueHeaders,
            queryStringParameters: query,
            multiValueQueryStringParameters: multiQuery,
            stageVariables: {},
            requestContext: base,
          },
          lambdaContext('chat-authorizer'),
        );
      } catch (error) {
        if (error instanceof Error && error.message === 'Unauthorized') return reject(socket, 401, 'Unauthorized');
        onError(error);
        return reject(socket, 500, 'Internal Server Error');
      }
      if (socket.destroyed) return;
      const allowed = policy.policyDocument.Statement.some((s) => s.Effect === 'Allow') && !policy.policyDocument.Statement.some((s) => s.Effect === 'Deny');
      if (!allowed) return reject(socket, 403, 'Forbidden');

      const authorizer = { principalId: policy.principalId, ...(policy.context ?? {}) };
      const connect = await options.handlers
        .connect({ requestContext: { ...base, authorizer }, headers, multiValueHeaders, queryStringParameters: query, isBase64Encoded: false }, lambdaContext('chat-connect'))
        .catch((error: unknown) => {
          onError(error);
          return { statusCode: 500 } as WebSocketResult;
        });
      if (connect.statusCode < 200 || connect.statusCode > 299) return reject(socket, connect.statusCode, 'Forbidden');
      const protocol = Object.entries(connect.headers ?? {}).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1];
      if (protocol) selected.set(request, protocol);

      if (socket.destroyed) return;
      wss.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', onSocketError);
        // ws closes the connection itself (1009, 1007...) and then emits the error: unlistened, it would end the process.
        ws.on('error', onClientError);
        sockets.add(ws);
        options.sender.register(connectionId, ws);
        // API Gateway runs frames concurrently; one chain per socket keeps local acks in order, which tests can rely on.
        let chain = Promise.resolve();
        ws.on('message', (data: RawData) => {
          const body = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
          const requestContext = context(routeFor(body, routeKeys), 'MESSAGE', connectionId, domainName, {
            connectedAt,
            identity,
            authorizer,
            messageId: randomBytes(8).toString('base64'),
          });
          const run = () => options.handlers.message({ requestContext, body, isBase64Encoded: false }, lambdaContext('chat-message')).then(() => undefined, onError);
          chain = track(chain.then(run));
        });
        ws.on('close', (code, reason) => {
          sockets.delete(ws);
          options.sender.unregister(connectionId);
          const requestContext = context('$disconnect', 'DISCONNECT', connectionId, domainName, {
            connectedAt,
            identity,
            authorizer,
            disconnectStatusCode: code,
            disconnectReason: reason.toString('utf8'),
          });
          const run = () => options.handlers.disconnect({ requestContext }, lambdaContext('chat-disconnect')).then(() => undefined, onError);
          void track(chain.then(run));
        });
      });
    })().catch((error: unknown) => {
      onError(error);
      if (!socket.destroyed) reject(socket, 500, 'Internal Server Error');
    }));
  };

  server.on('upgrade', onUpgrade);
  return {
    connectionCount: () => sockets.size,
    dropAll: () => {
      for (const ws of sockets) ws.terminate();
    },
    close: async () => {
      server.off('upgrade', onUpgrade);
      const closed = [...sockets].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of sockets) ws.terminate();
      await Promise.all(closed);
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** API Gateway's route selection on $request.body.action: unknown or unreadable goes to $default. */
function routeFor(body: string, routeKeys: Set<string>): string {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && 'action' in value && typeof value.action === 'string' && routeKeys.has(value.action)) return value.action;
  } catch {
    // $default
  }
  return '$default';
}

/** The shared pieces the local gateway already has. */
export interface LocalChatParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  intake: IntakeQueue;
  pii: PiiProtector;
  /** Verification codes go out here (the local outbox). */
  smsSender: SmsSender;
  clock: Clock;
  log: Log;
  /** For the ack's receipt number; when absent the message's own number is used. */
  complaints?: ComplaintRepository;
  random?: RandomSource;
  policy?: Partial<ChatPolicy>;
  allowedOrigin?: string | null;
}

export interface LocalChat {
  /** Mount each as a Lambda route of the local HTTP router. */
  accountsApi: ReturnType<typeof createChatAccountsApiHandler>;
  accountRoutes: typeof CHAT_ACCOUNT_ROUTES;
  handlers: ChatWebSocketHandlers;
  sender: LocalConnectionSender;
  /** `senders.chat` of the reply use case (it tells whether a live connection took the reply). */
  replySend: ReturnType<typeof chatChannelSend>;
  /** For the reservation module: verified accounts, and notices by chat. */
  chatAccounts: ChatAccounts;
  chatNotifier: ReservationNotifier;
  accounts: ChatAccountRepository;
  connections: ChatConnectionRepository;
  /** attachChatWebSocket with these handlers at /chat. */
  attach(server: Server, options?: Pick<AttachChatOptions, 'stage' | 'onError' | 'onClientError' | 'admit'>): ChatWebSocketAttachment;
}

/** The chat channel on local adapters: the same handlers as the Lambdas, one call to integrate. */
export function createLocalChat(parts: LocalChatParts): LocalChat {
  const accounts = createChatAccountRepository(parts.documents, parts.tableName);
  const connections = createChatConnectionRepository(parts.documents, parts.tableName);
  const sender = new LocalConnectionSender();
  const { clock, log } = parts;
  const policy = parts.policy ? { policy: parts.policy } : {};
  const complaints = parts.complaints;
  const preview = (message: InboundMessage) =>
    complaints ? previewReceipt({ repository: complaints, pii: parts.pii }, message) : Promise.resolve({ receiptNo: receiptNoFor(message) });

  const handlers: ChatWebSocketHandlers = {
    authorizer: createChatAuthorizerHandler(async () => ({ accounts, clock, log })),
    connect: createChatConnectHandler(async () => ({ connections, clock, log, ...policy })),
    disconnect: createChatDisconnectHandler(async () => ({ connections, clock, log, ...policy })),
    message: createChatMessageHandler(async () => ({
      connections,
      senderFor: () => sender,
      intake: parts.intake,
      previewReceipt: preview,
      receiptFor: receiptNoFor,
      previewBudgetMs: 1500,
      clock,
      log,
      ...policy,
    })),
  };
  const replyDeps = { connections, sender, clock, log };
  return {
    accountsApi: createChatAccountsApiHandler(async () => ({
      accounts: { accounts, pii: parts.pii, sms: parts.smsSender, random: parts.random ?? nodeRandom, clock, log, ...policy, sessions: { connections, sender } },
      allowedOrigin: parts.allowedOrigin ?? null,
    })),
    accountRoutes: CHAT_ACCOUNT_ROUTES,
    handlers,
    sender,
    replySend: chatChannelSend(replyDeps),
    chatAccounts: chatAccountsDirectory(accounts),
    chatNotifier: chatReservationNotifier({ ...replyDeps, pii: parts.pii }),
    accounts,
    connections,
    attach: (server, options = {}) => attachChatWebSocket(server, { ...options, path: '/chat', handlers, sender }),
  };
}
