import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch may not set Host (a forbidden header name in the Fetch standard). */
function raw(gateway: TestGateway, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), method, path, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1];

describe('local gateway refuses what a foreign web page could make a browser send', () => {
  let gateway: TestGateway;
  let host: string;
  let complaintId: string;
  let bearer: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    host = new URL(gateway.url).host;
    const sent = await gateway.sms({ from: '010-5151-6262', body: '가로등이 꺼졌어요' });
    await gateway.settle();
    complaintId = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptOf(sent.body)}`)).body.complaintId;
    bearer = `Bearer ${await gateway.tokenFor('counselor')}`;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const statusChange = JSON.stringify({ status: 'closed', reason: '처리 완료', counselor: 'kim' });

  it('refuses a state-changing request from another origin with 403, and changes nothing', async () => {
    const cross = await raw(gateway, 'POST', `/api/complaints/${complaintId}/status`, { host, origin: 'http://evil.example', 'content-type': 'application/json' }, statusChange);
    expect(cross.status).toBe(403);
    expect(JSON.parse(cross.body)).toEqual({ error: expect.stringMatching(/origin/i) });
    const sandboxed = await raw(gateway, 'POST', '/chat/accounts', { host, origin: 'null', 'content-type': 'application/json' }, JSON.stringify({ name: '김', phone: '010-1111-0000' }));
    expect(sandboxed.status).toBe(403);
    const detail = await gateway.api<{ status: string }>(`/api/complaints/${complaintId}`);
    expect(detail.body.status).toBe('received');
    expect((await gateway.api<{ items: unknown[] }>('/api/outbox')).body.items).toEqual([]);
  });

  it('accepts the same request from the gateway\'s own origin, and from clients that send no Origin', async () => {
    const own = await raw(gateway, 'POST', `/api/complaints/${complaintId}/status`, { host, origin: gateway.url, 'content-type': 'application/json', authorization: bearer }, JSON.stringify({ status: 'in_progress', reason: '담당 부서 확인 중', counselor: 'kim' }));
    expect(own.status).toBe(200);
    const localhost = await raw(gateway, 'GET', '/health', { host: `localhost:${new URL(gateway.url).port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses a request whose Host is not the gateway (DNS rebinding), whatever the method', async () => {
    const read = await raw(gateway, 'GET', '/api/complaints', { host: `rebind.evil.example:${new URL(gateway.url).port}` });
    expect(read.status).toBe(403);
    expect(JSON.parse(read.body)).toEqual({ error: expect.stringMatching(/host/i) });
    expect(read.body).not.toContain(complaintId);
    const write = await raw(gateway, 'POST', `/api/complaints/${complaintId}/status`, { host: 'rebind.evil.example', 'content-type': 'application/json' }, statusChange);
    expect(write.status).toBe(403);
  });

  it('refuses a JSON API body sent as text/plain (a form or no-cors fetch) with 415', async () => {
    const plain = await raw(gateway, 'POST', `/api/complaints/${complaintId}/status`, { host, 'content-type': 'text/plain;charset=UTF-8', authorization: bearer }, statusChange);
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body)).toEqual({ error: expect.stringMatching(/application\/json/) });
    const form = await raw(gateway, 'POST', '/chat/accounts', { host, 'content-type': 'application/x-www-form-urlencoded' }, 'name=a&phone=01011110000');
    expect(form.status).toBe(415);
    expect((await gateway.api<{ status: string }>(`/api/complaints/${complaintId}`)).body.status).toBe('in_progress');
  });

  it('keeps taking the providers\' own content types on their webhooks', async () => {
    const twilio = await gateway.sms({ from: '010-5151-7373', body: '문자 웹훅은 폼으로 옵니다' });
    expect(twilio.status).toBe(200);
    const sns = await raw(gateway, 'POST', '/sms/aws-eum', { host, 'content-type': 'text/plain; charset=UTF-8' }, JSON.stringify({ Type: 'Notification' }));
    expect(sns.status).not.toBe(415);
  });

  it('sends X-Content-Type-Options: nosniff on every response', async () => {
    const responses = await Promise.all([
      raw(gateway, 'GET', '/health', { host }),
      raw(gateway, 'GET', '/no/such/route', { host }),
      raw(gateway, 'GET', `/api/complaints/${complaintId}`, { host }),
      raw(gateway, 'GET', '/chat/', { host }),
      raw(gateway, 'GET', '/', { host }),
      raw(gateway, 'GET', '/api/complaints', { host: 'rebind.evil.example' }),
      raw(gateway, 'POST', `/api/complaints/${complaintId}/status`, { host, 'content-type': 'text/plain' }, statusChange),
    ]);
    for (const response of responses) expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a chat WebSocket opened from another origin or through a foreign Host, even with a valid token', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post('/chat/accounts', { name: '김청각', phone: '010-8282-9393' });
    const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
    const code = /(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1];
    const { token } = (await (await post('/chat/accounts/verify', { phone: '010-8282-9393', code })).json()) as { token: string };
    const opened = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/chat`, ['citizen-chat', token], { headers });
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => undefined);
      });
    expect(await opened({ origin: gateway.url })).toBe(101);
    expect(await opened({ origin: 'http://evil.example' })).toBe(403);
    expect(await opened({ host: 'rebind.evil.example' })).toBe(403);
  });
});
