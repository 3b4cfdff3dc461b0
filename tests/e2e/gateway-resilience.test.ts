import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1];

/** Applies for a chat account and verifies it with the code from the local outbox. */
async function chatToken(gateway: TestGateway, phone: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/chat/accounts', { name: '김청각', phone })).status).toBe(202);
  const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
  const code = /(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1];
  const verified = await post('/chat/accounts/verify', { phone, code });
  expect(verified.status).toBe(201);
  return ((await verified.json()) as { token: string }).token;
}

function open(gateway: TestGateway, token: string): Promise<WebSocket> {
  const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/chat`, ['citizen-chat', token]);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('local gateway: a bad chat frame costs only its connection', () => {
  let gateway: TestGateway;
  let token: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    token = await chatToken(gateway, '010-4321-8765');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  async function stillServes(from: string): Promise<void> {
    const sent = await gateway.sms({ from, body: '프레임 오류 뒤에도 접수되나요' });
    expect(sent.status).toBe(200);
    await gateway.settle();
    const detail = await gateway.api<{ messages: Array<{ text: string }> }>(`/api/complaints/${receiptOf(sent.body)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.messages.map((message) => message.text)).toEqual(['프레임 오류 뒤에도 접수되나요']);
  }

  it('closes a socket that sends a frame over 128 KB with 1009, and keeps serving SMS and the API', async () => {
    const socket = await open(gateway, token);
    const closed = closeCode(socket);
    socket.send('x'.repeat(128 * 1024 + 1));
    expect(await closed).toBe(1009);
    await stillServes('010-1000-2001');
  });

  it('closes a socket that sends a text frame of invalid UTF-8 with 1007, and keeps serving SMS and the API', async () => {
    const socket = await open(gateway, token);
    const closed = closeCode(socket);
    socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    await stillServes('010-1000-2002');
  });

  it('still chats on a new connection after the bad ones', async () => {
    const socket = await open(gateway, token);
    const frame = new Promise<{ type: string; receiptNo?: string }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ action: 'sendMessage', clientMessageId: 'resilience-0001', text: '연결이 아직 되나요' }));
    expect(await frame).toMatchObject({ type: 'ack', receiptNo: expect.stringMatching(/\d{8}-/) });
    socket.close();
  });
});
