import { describe, expect, it } from 'vitest';
import { MAX_PUSH_PLAINTEXT_BYTES, PUSH_SEND_LEASE_MS, pushReplyToAccount, replyPayload } from '../../../functions/core/push/push-reply.ts';
import { subscribeToPush, unsubscribeFromPush } from '../../../functions/core/push/subscriptions.ts';
import { PushEndpointError } from '../../../functions/core/push/push-services.ts';
import { inMemoryPushReplyDeps } from '../../support/in-memory-push.ts';

const FCM = 'https://fcm.googleapis.com/fcm/send/abc123';
const MOZ = 'https://updates.push.services.mozilla.com/wpush/v2/xyz';
const keys = { p256dh: 'BPubKeyOfTheBrowser', auth: 'authsecret' };

function setup() {
  const deps = inMemoryPushReplyDeps();
  const subscribe = (endpoint: string, expirationTime?: number) => subscribeToPush(deps, { accountId: 'ca_1', subscription: { endpoint, keys, ...(expirationTime ? { expirationTime } : {}) } });
  const push = (key = 'r1') => pushReplyToAccount(deps, { accountId: 'ca_1', key, replyId: key, text: '답변입니다', language: 'ko' });
  return { deps, subscribe, push };
}

describe('push subscriptions', () => {
  it('stores the endpoint and keys sealed, keyed by a hash that does not contain the endpoint', async () => {
    const { deps, subscribe } = setup();
    await subscribe(FCM);
    const [stored] = [...deps.subscriptions.items.values()];
    expect(JSON.stringify(stored)).not.toContain('fcm.googleapis.com');
    expect(JSON.stringify(stored)).not.toContain(keys.auth);
    expect(JSON.parse(deps.pii.open(stored!.sealed))).toEqual({ endpoint: FCM, keys });
  });

  it('keeps one item when the same endpoint subscribes twice, and removes it on unsubscribe', async () => {
    const { deps, subscribe } = setup();
    await subscribe(FCM);
    await subscribe(FCM);
    expect(deps.subscriptions.items.size).toBe(1);
    await unsubscribeFromPush(deps, { accountId: 'ca_1', endpoint: FCM });
    expect(deps.subscriptions.items.size).toBe(0);
  });

  it.each([
    ['http://fcm.googleapis.com/fcm/send/x', 'https'],
    ['https://169.254.169.254/latest/meta-data', 'not a push service'],
    ['https://fcm.googleapis.com.evil.example/x', 'not a push service'],
    ['https://fcm.googleapis.com:8443/x', 'not a push service'],
    ['https://user:pw@fcm.googleapis.com/x', 'credentials'],
    ['not a url', 'not a URL'],
  ])('refuses the endpoint %s (the server would POST to it)', async (endpoint, message) => {
    const { subscribe } = setup();
    await expect(subscribe(endpoint)).rejects.toThrow(PushEndpointError);
    await expect(subscribe(endpoint)).rejects.toThrow(message);
  });

  it('accepts a subdomain of a suffix entry (WNS) and an extra origin the stage names', async () => {
    const { deps } = setup();
    await subscribeToPush(deps, { accountId: 'ca_1', subscription: { endpoint: 'https://db5p.notify.windows.com/w/?token=x', keys } });
    await subscribeToPush({ ...deps, extraPushOrigins: ['https://127.0.0.1:9443'] }, { accountId: 'ca_1', subscription: { endpoint: 'https://127.0.0.1:9443/push/1', keys } });
    expect(deps.subscriptions.items.size).toBe(2);
  });
});

describe('pushReplyToAccount', () => {
  it('pushes the reply once to every subscription of the account, with a Topic of at most 32 base64url characters', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    await subscribe(MOZ);
    expect(await push()).toEqual({ accepted: 2, gone: 0, rejected: 0 });
    expect(deps.gateway.sent.map((sent) => sent.endpoint).sort()).toEqual([FCM, MOZ].sort());
    const { options, payload } = deps.gateway.sent[0]!;
    expect(options.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(JSON.parse(payload)).toMatchObject({ type: 'reply', replyId: 'r1', text: '답변입니다', language: 'ko', truncated: false });
  });

  it('does not push again to a subscription that accepted it when the reply is sent again (the outbox)', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    await push();
    expect(await push()).toEqual({ accepted: 1, gone: 0, rejected: 0 });
    expect(deps.gateway.sent).toHaveLength(1);
  });

  it('two concurrent sends of one reply push it once', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    await Promise.all([push(), push()]);
    expect(deps.gateway.sent).toHaveLength(1);
  });

  it('pushes again with the same Topic after a crash left the lease unmarked and it expired', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    const markSent = deps.leases.markSent.bind(deps.leases);
    deps.leases.markSent = async () => {
      throw new Error('crash after the 201');
    };
    await expect(push()).rejects.toThrow('crash');
    deps.leases.markSent = markSent;
    expect(await push()).toEqual({ accepted: 1, gone: 0, rejected: 0 });
    expect(deps.gateway.sent).toHaveLength(1);
    deps.clock.advance(PUSH_SEND_LEASE_MS + 1);
    await push();
    expect(deps.gateway.sent).toHaveLength(2);
    expect(deps.gateway.sent[1]!.options.topic).toBe(deps.gateway.sent[0]!.options.topic);
  });

  it('removes a subscription the push service answers 410 or 404 for', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    await subscribe(MOZ);
    deps.gateway.outcomes.set(FCM, { kind: 'gone', status: 410 });
    deps.gateway.outcomes.set(MOZ, { kind: 'gone', status: 404 });
    expect(await push()).toEqual({ accepted: 0, gone: 2, rejected: 0 });
    expect(deps.subscriptions.items.size).toBe(0);
  });

  it('keeps the subscription and frees the lease when the push service refuses otherwise, so a retry pushes', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    deps.gateway.outcomes.set(FCM, { kind: 'rejected', status: 429, reason: 'too many requests' });
    expect(await push()).toEqual({ accepted: 0, gone: 0, rejected: 1 });
    deps.gateway.outcomes.delete(FCM);
    expect(await push()).toEqual({ accepted: 1, gone: 0, rejected: 0 });
    expect(deps.subscriptions.items.size).toBe(1);
  });

  it('counts an unreachable push service as a refusal', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    deps.gateway.outcomes.set(FCM, new Error('ECONNRESET'));
    expect(await push()).toEqual({ accepted: 0, gone: 0, rejected: 1 });
  });

  it('drops a subscription past its expirationTime without pushing', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM, deps.clock.now().getTime() + 60_000);
    deps.clock.advance(120_000);
    expect(await push()).toEqual({ accepted: 0, gone: 1, rejected: 0 });
    expect(deps.gateway.sent).toHaveLength(0);
  });

  it('never logs the endpoint or the reply text', async () => {
    const { deps, subscribe, push } = setup();
    await subscribe(FCM);
    deps.gateway.outcomes.set(FCM, { kind: 'rejected', status: 400, reason: 'bad' });
    await push();
    expect(deps.log.text()).not.toContain('abc123');
    expect(deps.log.text()).not.toContain('답변');
  });
});

describe('replyPayload', () => {
  it('cuts a long reply on a character boundary so the JSON fits one push message', () => {
    const payload = replyPayload({ replyId: 'r1', text: '가'.repeat(5000), language: 'ko', at: '2026-03-02T01:00:00.000Z' });
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(MAX_PUSH_PLAINTEXT_BYTES);
    const parsed = JSON.parse(payload) as { text: string; truncated: boolean };
    expect(parsed.truncated).toBe(true);
    expect(parsed.text.endsWith('가…')).toBe(true);
  });
});
