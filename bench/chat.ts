import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { loadLocalConfig } from '../local/config.ts';
import { startLocalGateway } from '../local/gateway.ts';
import { percentile, round, startStoreProcess } from './support.ts';

const SUBPROTOCOL = 'citizen-chat';

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${parsed.error ?? ''}`);
  return parsed;
}

/**
 * Chat through the real WebSocket protocol: accounts applied for and verified with the SMS
 * code, one connection each (set-up time measured from the upgrade request to `open`,
 * authorizer and $connect included), then every connection sends its messages one after
 * another, each waiting for its ack; messages/s is counted until all are stored.
 */
export async function measureChat(): Promise<{
  connections: number;
  messages: number;
  messagesPerSecond: number;
  connectionSetupMs: { p50: number; p99: number };
  ackMs: { p50: number; p99: number };
}> {
  const accounts = Number(process.env.BENCH_CHAT_ACCOUNTS ?? 40);
  const perConnection = Number(process.env.BENCH_CHAT_MESSAGES ?? 8);
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-bench-chat-'));
  const storeProcess = await startStoreProcess();
  const config = loadLocalConfig({ PORT: '0', DYNAMODB_ENDPOINT: storeProcess.endpoint, DATA_DIR: dataDir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none' });
  const gateway = await startLocalGateway(config);
  try {
    const tokens: string[] = [];
    for (let i = 0; i < accounts; i += 1) {
      const phone = `010-6${String(i).padStart(3, '0')}-${String(2000 + i)}`;
      await post(`${gateway.url}/chat/accounts`, { name: `Citizen ${i}`, phone, language: 'ko' });
      const code = /(\d{6})/.exec(gateway.outbox.list()[0]?.body ?? '')?.[1];
      if (!code) throw new Error('no verification code in the local outbox');
      tokens.push((await post<{ token: string }>(`${gateway.url}/chat/accounts/verify`, { phone, code })).token);
    }

    const wsUrl = `${gateway.url.replace(/^http/, 'ws')}/chat`;
    const setup: number[] = [];
    const sockets: WebSocket[] = [];
    for (const token of tokens) {
      const started = performance.now();
      const socket = new WebSocket(wsUrl, [SUBPROTOCOL, token]);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      setup.push(performance.now() - started);
      sockets.push(socket);
    }

    const total = accounts * perConnection;
    let stored = 0;
    let lastStoredAt = 0;
    let finished: () => void = () => undefined;
    const allStored = new Promise<void>((resolve) => (finished = resolve));
    gateway.events.subscribe((event) => {
      if (event.type !== 'message.stored' || event.channel !== 'chat') return;
      lastStoredAt = performance.now();
      if (++stored === total) finished();
    });
    const acks: number[] = [];
    const start = performance.now();
    await Promise.all(
      sockets.map(async (socket, index) => {
        for (let m = 0; m < perConnection; m += 1) {
          const clientMessageId = randomUUID();
          const sentAt = performance.now();
          const acked = new Promise<void>((resolve, reject) => {
            const onMessage = (data: WebSocket.RawData) => {
              const frame = JSON.parse(data.toString()) as { type: string; clientMessageId?: string; code?: string };
              if (frame.clientMessageId !== clientMessageId) return;
              socket.off('message', onMessage);
              if (frame.type === 'ack') resolve();
              else reject(new Error(`chat frame ${frame.type} ${frame.code ?? ''}`));
            };
            socket.on('message', onMessage);
          });
          socket.send(JSON.stringify({ action: 'sendMessage', clientMessageId, text: `채팅 문의 ${index}-${m}` }));
          await acked;
          acks.push(performance.now() - sentAt);
        }
      }),
    );
    await Promise.race([allStored, new Promise((resolve) => setTimeout(resolve, 120_000))]);
    for (const socket of sockets) socket.close();
    return {
      connections: sockets.length,
      messages: stored,
      messagesPerSecond: round(stored / ((lastStoredAt - start) / 1000)),
      connectionSetupMs: { p50: percentile(setup, 50), p99: percentile(setup, 99) },
      ackMs: { p50: percentile(acks, 50), p99: percentile(acks, 99) },
    };
  } finally {
    await gateway.close();
    storeProcess.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
