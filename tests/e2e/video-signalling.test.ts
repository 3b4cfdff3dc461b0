import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chatAccountOn } from '../support/chat-account.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

type Message = Record<string, unknown> & { type: string };

/** A signalling socket that keeps every message, so a test can wait for the one it expects. */
async function open(gateway: TestGateway, protocols: string[], headers: Record<string, string> = {}): Promise<{ ws: WebSocket; next(type: string): Promise<Message>; send(message: unknown): void }> {
  const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/video`, protocols, { headers });
  const received: Message[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Message);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    send: (message) => ws.send(JSON.stringify(message)),
    async next(type) {
      for (;;) {
        const index = received.findIndex((message) => message.type === type);
        if (index >= 0) return received.splice(index, 1)[0]!;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${type} message (got ${received.map((m) => m.type).join(', ') || 'nothing'})`)), 10_000);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

async function refusedWith(gateway: TestGateway, protocols: string[], headers: Record<string, string> = {}): Promise<number> {
  return open(gateway, protocols, headers).then(
    ({ ws }) => {
      ws.close();
      return 101;
    },
    (error: Error) => Number(/HTTP (\d+)/.exec(error.message)?.[1] ?? 0),
  );
}

async function startCall(gateway: TestGateway, token: string, requestId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${gateway.url}/video-calls`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ requestId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('video-call signalling on the local gateway (/video)', () => {
  let gateway: TestGateway;
  let citizen: { accountId: string; token: string };
  beforeAll(async () => {
    gateway = await startTestGateway();
    citizen = await chatAccountOn(gateway, '010-3131-2020');
  });
  afterAll(async () => gateway?.stop());

  it('admits citizens by chat token and counselors by staff token with video:answer, behind the request guard', async () => {
    expect(await refusedWith(gateway, ['video-citizen'])).toBe(401);
    expect(await refusedWith(gateway, ['video-citizen', 'A'.repeat(43)])).toBe(403);
    expect(await refusedWith(gateway, ['video-counselor', citizen.token])).toBe(403);
    expect(await refusedWith(gateway, ['video-counselor', await gateway.tokenFor('auditor')])).toBe(403);
    expect(await refusedWith(gateway, ['video-counselor', await gateway.tokenFor('counselor')], { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedWith(gateway, ['video-counselor', await gateway.tokenFor('counselor')])).toBe(101);
    expect(await refusedWith(gateway, ['video-citizen', citizen.token])).toBe(101);
  });

  it('refuses an on-demand call while no sign-language counselor is signed in', async () => {
    expect(await startCall(gateway, citizen.token, 'no-counselor-01')).toMatchObject({ status: 409, body: { code: 'no_counselor_free' } });
  });

  it('offers a call to every counselor, gives it to the first who accepts, refuses the second, relays signals only between the two parties, and ends both sides on hang-up', async () => {
    const first = await open(gateway, ['video-counselor', await gateway.tokenFor('counselor')]);
    const second = await open(gateway, ['video-counselor', await gateway.tokenFor('supervisor')]);
    await first.next('queue');
    await second.next('queue');

    const started = await startCall(gateway, citizen.token, 'routing-test-01');
    expect(started.status).toBe(201);
    const media = started.body.media as { kind: string; callId: string; joinToken: string };
    expect(media.kind).toBe('local-webrtc');
    const offered = await first.next('offered');
    await second.next('offered');
    expect(offered.call).toMatchObject({ callId: media.callId, callKind: 'on-demand', receiptNo: started.body.receiptNo, language: 'ko' });
    expect(JSON.stringify(offered)).not.toMatch(/3131|수어이용자|ca_/);

    const page = await open(gateway, ['video-citizen', citizen.token]);
    page.send({ type: 'join', callId: media.callId, joinToken: 'not-the-token' });
    expect(await page.next('refused')).toMatchObject({ code: 'wrong_join_token' });
    page.send({ type: 'join', callId: media.callId, joinToken: media.joinToken });
    await page.next('waiting');

    first.send({ type: 'accept', callId: media.callId });
    expect(await first.next('accepted')).toMatchObject({ citizenJoined: true });
    await page.next('counselor-joined');
    await second.next('taken');
    second.send({ type: 'accept', callId: media.callId });
    expect(await second.next('refused')).toMatchObject({ callId: media.callId, code: 'taken' });
    second.send({ type: 'signal', callId: media.callId, data: { candidate: 'intruder' } });
    expect(await second.next('refused')).toMatchObject({ code: 'not_yours' });

    page.send({ type: 'signal', callId: media.callId, data: { description: { type: 'offer', sdp: 'v=0' } } });
    expect(await first.next('signal')).toMatchObject({ data: { description: { type: 'offer' } } });
    first.send({ type: 'signal', callId: media.callId, data: { description: { type: 'answer', sdp: 'v=0' } } });
    expect(await page.next('signal')).toMatchObject({ data: { description: { type: 'answer' } } });

    first.send({ type: 'hangup', callId: media.callId });
    expect(await page.next('ended')).toMatchObject({ by: 'counselor' });
    expect(await first.next('ended')).toMatchObject({ by: 'counselor' });

    // The call is on the citizen's complaint: started, queued, answered by the counselor, ended.
    await gateway.settle();
    await expect
      .poll(async () => (await gateway.api<{ statusHistory?: Array<{ reason: string }> }>(`/api/complaints/${String(started.body.receiptNo)}`)).body.statusHistory?.map((e) => e.reason) ?? [], { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['video call started', 'video call connected to a counselor', expect.stringMatching(/^video call ended after \d+ s with a counselor \(AGENT_DISCONNECT\)$/)]));
    for (const socket of [first, second, page]) socket.ws.close();
  });

  it("ends the call when the citizen's page closes", async () => {
    const counselor = await open(gateway, ['video-counselor', await gateway.tokenFor('counselor')]);
    await counselor.next('queue');
    const started = await startCall(gateway, citizen.token, 'page-closes-01');
    const media = started.body.media as { callId: string; joinToken: string };
    const page = await open(gateway, ['video-citizen', citizen.token]);
    page.send({ type: 'join', callId: media.callId, joinToken: media.joinToken });
    await page.next('waiting');
    counselor.send({ type: 'accept', callId: media.callId });
    await counselor.next('accepted');
    page.ws.close();
    expect(await counselor.next('ended')).toMatchObject({ callId: media.callId, by: 'citizen' });
    counselor.ws.close();
  });
});
