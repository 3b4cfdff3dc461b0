import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePushService, type FakePushService } from '../support/fake-push-service.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

/** Applies for a chat account and verifies it with the code from the local outbox. */
async function chatToken(gateway: TestGateway, phone: string): Promise<string> {
  const post = (path: string, body: unknown) => fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/chat/accounts', { name: '박알림', phone })).status).toBe(202);
  const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
  const verified = await post('/chat/accounts/verify', { phone, code: /(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1] });
  return ((await verified.json()) as { token: string }).token;
}

describe('local gateway: the chat push API', () => {
  let pushService: FakePushService;
  let gateway: TestGateway;
  let token: string;

  beforeAll(async () => {
    pushService = await startFakePushService();
    gateway = await startTestGateway({ pushService: { origin: pushService.origin, agent: pushService.agent } });
    token = await chatToken(gateway, '010-5555-1200');
  });
  afterAll(async () => {
    await gateway?.stop();
    await pushService?.close();
  });

  const call = (method: string, body: unknown, bearer: string | null = token) =>
    fetch(`${gateway.url}/chat/push/subscriptions`, {
      method,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });

  it('gives the VAPID public key generated at the first start: a 65-byte P-256 point stored in DATA_DIR (another data dir gets its own pair)', async () => {
    const first = (await (await fetch(`${gateway.url}/chat/push/key`)).json()) as { publicKey: string };
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    const again = await startTestGateway({}, {}, gateway.dataDir.concat('-copy'));
    try {
      const other = (await (await fetch(`${again.url}/chat/push/key`)).json()) as { publicKey: string };
      expect(other.publicKey).not.toBe(first.publicKey);
    } finally {
      await again.stop();
    }
    const { readFile } = await import('node:fs/promises');
    const stored = JSON.parse(await readFile(`${gateway.dataDir}/vapid-keys.json`, 'utf8')) as { publicKey: string };
    expect(stored.publicKey).toBe(first.publicKey);
  });

  it('refuses a subscription without a chat token or with an unknown one (401)', async () => {
    const subscription = pushService.subscribe();
    expect((await call('POST', { subscription }, null)).status).toBe(401);
    expect((await call('POST', { subscription }, 'A'.repeat(43))).status).toBe(401);
  });

  it('refuses an endpoint that is not a push service, and keys of the wrong size, with the reason (400)', async () => {
    const { keys } = pushService.subscribe();
    const refused = await call('POST', { subscription: { endpoint: 'https://169.254.169.254/latest/meta-data/', keys } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('not a push service');
    const badKeys = await call('POST', { subscription: { endpoint: `${pushService.origin}/push/x`, keys: { p256dh: 'AAAA', auth: keys.auth } } });
    expect(badKeys.status).toBe(400);
    expect(JSON.stringify(await badKeys.json())).toContain('keys.p256dh');
  });

  it('stores a subscription (201) and removes it again (200)', async () => {
    const subscription = pushService.subscribe();
    expect((await call('POST', { subscription })).status).toBe(201);
    expect((await call('DELETE', { endpoint: subscription.endpoint })).status).toBe(200);
    expect((await call('DELETE', { endpoint: subscription.endpoint })).status).toBe(200);
  });
});
