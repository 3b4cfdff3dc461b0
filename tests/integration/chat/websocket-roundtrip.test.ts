import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../../schemas/chat-frames.ts';
import { revokeToken } from '../../../functions/core/chat/accounts.ts';
import { createLocalChat, type ChatWebSocketAttachment, type LocalChat } from '../../../local/chat-websocket.ts';
import { startChatHarness, type ChatHarness } from './harness.ts';

/** A ws client that queues the frames it receives, so a test awaits the next one in order. */
class ChatClient {
  readonly frames: ServerFrame[] = [];
  #waiters: Array<(frame: ServerFrame) => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      const waiter = this.#waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
  }

  next(): Promise<ServerFrame> {
    const queued = this.frames.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe('chat over a real WebSocket (local gateway front, same handlers)', () => {
  let h: ChatHarness;
  let chat: LocalChat;
  let server: Server;
  let attachment: ChatWebSocketAttachment;
  let url: string;
  let errors: unknown[] = [];

  beforeEach(async () => {
    errors = [];
    h = await startChatHarness();
    chat = createLocalChat({
      documents: h.documents,
      tableName: h.table.tableName,
      intake: h.intake,
      pii: h.pii,
      smsSender: h.sms,
      clock: h.clock,
      log: h.log,
      complaints: h.complaints,
      random: h.random,
    });
    server = createServer((_request, response) => response.writeHead(404).end());
    attachment = chat.attach(server, { onError: (error) => errors.push(error) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
  });

  afterEach(async () => {
    await attachment.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
    expect(errors).toEqual([]);
  });

  async function open(token: string, how: 'protocol' | 'query' = 'protocol'): Promise<ChatClient> {
    const socket = how === 'protocol' ? new WebSocket(url, ['citizen-chat', token]) : new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
    const client = new ChatClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  function handshakeStatus(target: string, protocols?: string[]): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(target, protocols);
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => reject(new Error('the handshake should have been refused')));
      socket.once('error', () => undefined);
    });
  }

  it('authorises with the token in Sec-WebSocket-Protocol, agrees on citizen-chat, and acks a message with its receipt number', async () => {
    const { token, accountId } = await chat_account();
    const client = await open(token);
    expect(client.socket.protocol).toBe('citizen-chat');
    client.send({ action: 'sendMessage', clientMessageId: 'web-0001-aaaa', text: '안녕하세요 😀 가로등이 꺼졌어요' });
    const ack = await client.next();
    expect(ack).toMatchObject({ type: 'ack', clientMessageId: 'web-0001-aaaa', receiptNo: expect.stringMatching(/^\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}$/) });
    const envelope = h.intake.sent[0]?.envelope;
    // The account chose Mongolian: the hint rides along (Hangul in the text still makes it Korean at intake).
    expect(envelope?.kind === 'inbound' && envelope.message).toMatchObject({ providerMessageId: `${accountId}:web-0001-aaaa`, text: '안녕하세요 😀 가로등이 꺼졌어요', languageHint: 'mn' });
    await client.close();
  });

  it('accepts the token in the query string too', async () => {
    const { token } = await chat_account();
    const client = await open(token, 'query');
    client.send({ action: 'sync' });
    expect(await client.next()).toEqual({ type: 'synced', delivered: 0 });
    await client.close();
  });

  it('answers 401 without a token and 403 for a revoked one', async () => {
    expect(await handshakeStatus(url)).toBe(401);
    const { token } = await chat_account();
    await revokeToken(h.accountDeps, token);
    expect(await handshakeStatus(url, ['citizen-chat', token])).toBe(403);
    expect(attachment.connectionCount()).toBe(0);
  });

  it('closes the connections a revoked token opened, at once, and leaves the same account\'s other device connected', async () => {
    const phone = '010-3999-4567';
    const laptop = await chat_account(phone);
    h.clock.advance(10 * 60_000);
    const phoneApp = await chat_account(phone);
    expect(phoneApp.accountId).toBe(laptop.accountId);
    const [first, second, other] = [await open(laptop.token), await open(laptop.token, 'query'), await open(phoneApp.token)];
    const closed = (client: ChatClient) => new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    const closing = [closed(first), closed(second)];

    const revoked = await chat.accountsApi(
      {
        resource: '/chat/tokens/revoke',
        path: '/chat/tokens/revoke',
        httpMethod: 'POST',
        headers: { authorization: `Bearer ${laptop.token}` },
        multiValueHeaders: {},
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        body: null,
        isBase64Encoded: false,
        requestContext: {} as never,
      },
      {} as never,
    );
    expect(JSON.parse(revoked.body)).toEqual({ status: 'revoked', closedConnections: 2 });
    expect(await Promise.all(closing)).toEqual([1008, 1008]);
    expect(await handshakeStatus(url, ['citizen-chat', laptop.token])).toBe(403);

    other.send({ action: 'sync' });
    expect(await other.next()).toEqual({ type: 'synced', delivered: 0 });
    expect(other.socket.readyState).toBe(WebSocket.OPEN);
    await other.close();
  });

  it('keeps the socket open after malformed JSON and an unknown action', async () => {
    const { token } = await chat_account();
    const client = await open(token);
    client.send('{oops');
    expect(await client.next()).toMatchObject({ type: 'error', code: 'malformed_json' });
    client.send({ action: 'dance' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown_action' });
    client.send({ action: 'sendMessage', clientMessageId: 'web-0002-bbbb', text: 'still here' });
    expect(await client.next()).toMatchObject({ type: 'ack', clientMessageId: 'web-0002-bbbb' });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('pushes a reply live; after a network drop the reply waits and arrives on reconnect, and a resent message is the same message', async () => {
    const { token, accountId } = await chat_account();
    const first = await open(token);
    await chat.replySend({ to: accountId, body: '무엇을 도와드릴까요?', idempotencyKey: 'rpl-live' });
    expect(await first.next()).toMatchObject({ type: 'reply', replyId: 'rpl-live', text: '무엇을 도와드릴까요?' });

    // The page sent a message, then the network dropped before the ack came back.
    first.send({ action: 'sendMessage', clientMessageId: 'web-0003-cccc', text: 'the lift is broken' });
    const ackBeforeDrop = await first.next();
    attachment.dropAll();
    await new Promise<void>((resolve) => (first.socket.readyState === WebSocket.CLOSED ? resolve() : first.socket.once('close', () => resolve())));

    const queued = await chat.replySend({ to: accountId, body: '엘리베이터 점검을 요청했습니다.', idempotencyKey: 'rpl-offline' });
    expect(queued).toMatchObject({ delivery: 'queued' });

    const second = await open(token);
    second.send({ action: 'sync' });
    expect(await second.next()).toMatchObject({ type: 'reply', replyId: 'rpl-offline', text: '엘리베이터 점검을 요청했습니다.' });
    expect(await second.next()).toEqual({ type: 'synced', delivered: 1 });
    second.send({ action: 'sendMessage', clientMessageId: 'web-0003-cccc', text: 'the lift is broken' });
    expect(await second.next()).toEqual(ackBeforeDrop);
    const ids = h.intake.sent.map((s) => (s.envelope.kind === 'inbound' ? s.envelope.message.providerMessageId : ''));
    expect(new Set(ids)).toEqual(new Set([`${accountId}:web-0003-cccc`]));
    await second.close();
  });

  /** An account made through the accounts API handler, as the page does. */
  async function chat_account(phone = `010-3${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}-4567`): Promise<{ token: string; accountId: string }> {
    h.random.nextCode('271828');
    const request = (resource: string, body: unknown) =>
      chat.accountsApi(
        {
          resource,
          path: resource,
          httpMethod: 'POST',
          headers: { 'content-type': 'application/json' },
          multiValueHeaders: {},
          queryStringParameters: null,
          multiValueQueryStringParameters: null,
          pathParameters: null,
          stageVariables: null,
          body: JSON.stringify(body),
          isBase64Encoded: false,
          requestContext: {} as never,
        },
        {} as never,
      );
    expect((await request('/chat/accounts', { name: 'Bat', phone, language: 'mn' })).statusCode).toBe(202);
    const verified = await request('/chat/accounts/verify', { phone, code: '271828' });
    return JSON.parse(verified.body) as { token: string; accountId: string };
  }
});
