import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachChatWebSocket, LocalConnectionSender, type ChatWebSocketHandlers } from '../../../local/chat-websocket.ts';
import { startEmbeddedDynamo } from '../../../local/embedded-dynamodb.ts';
import { startHttpServer, type LocalTarget } from '../../../local/http-server.ts';
import { LocalQueue } from '../../../local/local-queue.ts';
import { Router } from '../../../local/router.ts';
import type { AuthorizerPolicy } from '../../../schemas/chat-websocket-events.ts';

/*
 * An `error` event with no listener throws, and on a socket or server that throw ends the
 * process: every emitter of the local gateway must take its errors to a log instead.
 */
const resetError = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('local gateway emitters report errors instead of throwing them', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('the HTTP server reports an error event after it started listening', async () => {
    const errors: unknown[] = [];
    const http = await startHttpServer({ router: new Router<LocalTarget>(), host: '127.0.0.1', port: 0, onError: (error) => errors.push(error) });
    cleanups.push(() => http.close());
    expect(() => http.server.emit('error', resetError())).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('the embedded DynamoDB server reports an error event after it started listening', async () => {
    const errors: unknown[] = [];
    const store = await startEmbeddedDynamo({ onError: (error) => errors.push(error) });
    cleanups.push(() => store.close());
    expect(() => store.server.emit('error', resetError())).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('a chat upgrade whose socket fails while it is being authorised is dropped, and the server goes on', async () => {
    let releaseAuthorizer: (policy: AuthorizerPolicy) => void = () => undefined;
    const allow: AuthorizerPolicy = {
      principalId: 'acct',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] },
    };
    const handlers: ChatWebSocketHandlers = {
      authorizer: () => new Promise((resolve) => (releaseAuthorizer = resolve)),
      connect: async () => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'citizen-chat' } }),
      disconnect: async () => ({ statusCode: 200 }),
      message: async () => ({ statusCode: 200 }),
    };
    const server: Server = createServer((_request, response) => response.writeHead(404).end());
    const upgraded: Duplex[] = [];
    server.on('upgrade', (_request: IncomingMessage, socket: Duplex) => upgraded.push(socket));
    const errors: unknown[] = [];
    const chat = attachChatWebSocket(server, { path: '/chat', handlers, sender: new LocalConnectionSender(), onError: (error) => errors.push(error) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    cleanups.push(() => chat.close());
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;

    const first = new WebSocket(url, ['citizen-chat', 'token']);
    first.on('error', () => undefined);
    await expect.poll(() => upgraded.length).toBe(1);
    expect(() => upgraded[0]!.emit('error', resetError())).not.toThrow();
    expect(upgraded[0]!.destroyed).toBe(true);
    releaseAuthorizer(allow);
    await new Promise<void>((resolve) => first.once('close', () => resolve()));

    const second = new WebSocket(url, ['citizen-chat', 'token']);
    await expect.poll(() => upgraded.length).toBe(2);
    releaseAuthorizer(allow);
    await new Promise<void>((resolve, reject) => {
      second.once('open', () => resolve());
      second.once('error', reject);
    });
    second.close();
    expect(errors).toEqual([]);
  });

  it('the queue reports a file system failure while settling a delivery, and delivers the message again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const errors: unknown[] = [];
    const queue = new LocalQueue({ dir, visibilityTimeoutMs: 0, onError: (error) => errors.push(error) });
    await queue.open();
    await queue.send([{ kind: 'translate', complaintId: 'c1', messageId: 'm1', attempt: 0 }]);
    let deliveries = 0;
    queue.start(async (event) => {
      deliveries += 1;
      if (deliveries > 1) return { batchItemFailures: [] };
      // The folder vanishes under the queue (a disk error): the retry cannot be written down.
      await rm(join(dir, 'ready'), { recursive: true, force: true });
      return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    await expect.poll(() => deliveries).toBe(2);
    await queue.whenIdle();
    await queue.stop();
    expect(errors).toEqual([expect.objectContaining({ code: 'ENOENT' })]);
    expect(queue.stats()).toEqual({ visible: 0, delayed: 0, inFlight: 0 });
  });
});
