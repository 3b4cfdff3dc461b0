import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPushSendLeases, createPushSubscriptionRepository } from '../../../functions/adapters/dynamodb/push-repository.ts';
import { generateVapidKeys } from '../../../functions/adapters/push/vapid-key-generation.ts';
import type { VapidKeys } from '../../../functions/adapters/push/vapid-keys.ts';
import { webPushGateway } from '../../../functions/adapters/push/web-push-gateway.ts';
import { pushReplyToAccount, type PushReplyDeps } from '../../../functions/core/push/push-reply.ts';
import { subscribeToPush } from '../../../functions/core/push/subscriptions.ts';
import { CapturingLog, testPiiProtector } from '../../support/in-memory-ports.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { startFakePushService, type FakePushService } from '../../support/fake-push-service.ts';

let table: TestTable;
let pushService: FakePushService;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  [table, pushService] = await Promise.all([startTestTable(), startFakePushService()]);
  documents = DynamoDBDocumentClient.from(table.client, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => {
  await pushService.close();
  await table.close();
});

let deps: PushReplyDeps;
let keys: VapidKeys;
let accountId: string;
let n = 0;
beforeEach(() => {
  keys = generateVapidKeys('mailto:push@city.example');
  accountId = `ca_push${(n += 1)}`;
  deps = {
    subscriptions: createPushSubscriptionRepository(documents, table.tableName),
    leases: createPushSendLeases(documents, table.tableName),
    gateway: webPushGateway({ keys: async () => keys, agent: pushService.agent }),
    pii: testPiiProtector(),
    // The real clock: the push service checks the JWT's exp against its own.
    clock: { now: () => new Date() },
    log: new CapturingLog(),
  };
});

const subscribe = async () => {
  const browser = pushService.subscribe();
  await subscribeToPush({ ...deps, extraPushOrigins: [pushService.origin] }, { accountId, subscription: browser });
  return browser;
};
const push = (text = '안녕하세요, 답변드립니다.') => pushReplyToAccount(deps, { accountId, key: 'reply-1', replyId: 'reply-1', text, language: 'ko' });

describe('Web Push delivery against a push service speaking RFC 8030/8291/8292', () => {
  it('delivers the reply encrypted for the subscription, with a VAPID JWT that verifies with the server key', async () => {
    const browser = await subscribe();
    const before = pushService.received.length;
    expect(await push()).toEqual({ accepted: 1, gone: 0, rejected: 0 });
    expect(pushService.refused).toEqual([]);
    const got = pushService.received.slice(before);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]!.payload)).toMatchObject({ type: 'reply', replyId: 'reply-1', text: '안녕하세요, 답변드립니다.', language: 'ko' });
    expect(got[0]!.vapidPublicKey).toBe(keys.publicKey);
    expect(got[0]!.claims).toMatchObject({ aud: pushService.origin, sub: 'mailto:push@city.example' });
    expect(got[0]!.headers).toMatchObject({ contentEncoding: 'aes128gcm', urgency: 'high', ttl: String(28 * 24 * 3600) });
    expect(got[0]!.headers.topic).toMatch(/^[\w-]{1,32}$/);
    expect(browser.endpoint).toContain(got[0]!.id);
  });

  it('pushes a reply once even when it is sent again (the outbox item in the table)', async () => {
    await subscribe();
    const before = pushService.received.length;
    await push();
    await Promise.all([push(), push()]);
    expect(pushService.received.length - before).toBe(1);
  });

  it('removes the subscription from the table when the push service answers 410, and keeps it on 429', async () => {
    const gone = await subscribe();
    const busy = await subscribe();
    pushService.answer(gone.endpoint, 410);
    pushService.answer(busy.endpoint, 429);
    expect(await push()).toEqual({ accepted: 0, gone: 1, rejected: 1 });
    expect(await deps.subscriptions.list(accountId)).toHaveLength(1);
  });

  it('is refused by the push service when signed with another key than the one the JWT names', async () => {
    await subscribe();
    const other = generateVapidKeys('mailto:push@city.example');
    deps.gateway = webPushGateway({ keys: async () => ({ ...keys, privateKey: other.privateKey }), agent: pushService.agent });
    const refusedBefore = pushService.refused.length;
    expect(await push()).toEqual({ accepted: 0, gone: 0, rejected: 1 });
    expect(pushService.refused.slice(refusedBefore)).toEqual(['JWT signature does not verify with k']);
  });

  it('refuses to send without VAPID keys (push not configured): a refusal, the chat delivery stays', async () => {
    await subscribe();
    deps.gateway = webPushGateway({ keys: async () => null });
    expect(await push()).toEqual({ accepted: 0, gone: 0, rejected: 1 });
  });

  it('stores no endpoint, key or push host in clear in the table', async () => {
    const browser = await subscribe();
    await push();
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    const dump = JSON.stringify(Items);
    expect(dump).toContain('PUSHSUB#');
    expect(dump).not.toContain(browser.endpoint.split('/').pop()!);
    expect(dump).not.toContain(browser.keys.auth);
    expect(dump).not.toContain('media.test');
  });
});
