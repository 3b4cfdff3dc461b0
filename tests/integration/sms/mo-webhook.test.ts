import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { refreshingJsonSecret } from '../../../functions/adapters/secrets/json-secret.ts';
import { signMoWebhook } from '../../../functions/channels/sms/mo-webhook-signature.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { createMoWebhookHandler } from '../../../functions/handlers/sms-mo-webhook.ts';
import { MoWebhookSecretSchema } from '../../../functions/wiring/aws/sms-mo-webhook.ts';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import { CapturingLog, ManualClock, RecordingIntakeQueue } from '../../support/in-memory-ports.ts';
import { intakeDeps, startHarness, type Harness } from '../intake/harness.ts';

const SECRET = 'kr-relay-signing-secret-0123456789abcdef';
const PREVIOUS = 'kr-relay-signing-secret-previous-0123456789';

function request(body: string, signature: string | undefined, contentType = 'application/json'): APIGatewayProxyEvent {
  return {
    body,
    isBase64Encoded: false,
    headers: { 'Content-Type': contentType, ...(signature ? { 'X-Gateway-Signature': signature } : {}) },
    path: '/sms/mo',
    httpMethod: 'POST',
  } as unknown as APIGatewayProxyEvent;
}

describe('MO webhook: signed JSON from a Korean MO relay, exactly once into the complaint table', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  const setup = (secrets: readonly string[] = [SECRET]) => {
    const clock = new ManualClock('2026-11-29T01:00:00.000Z');
    const intake = new RecordingIntakeQueue();
    const log = new CapturingLog();
    const handler = createMoWebhookHandler(async () => ({ log, clock, intake, secrets: async () => secrets }));
    return { clock, intake, log, handler: (event: APIGatewayProxyEvent) => handler(event, {} as never) };
  };
  const mo = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({ messageId: 'kr-relay-20261129-000001', from: '010-4321-8765', to: '1666-0120', text: '횡단보도 신호등이 고장났어요', timestamp: '2026-11-29T09:59:58+09:00', ...overrides });

  it('stores one complaint and one message however often the relay retries and the queue redelivers', async () => {
    const { clock, intake, handler } = setup();
    const body = mo();
    const first = await handler(request(body, signMoWebhook(SECRET, body, clock.now())));
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ accepted: true, messageId: 'kr-relay-20261129-000001' });
    // The relay retries the same delivery, then re-signs it a minute later: both accepted, both enqueued.
    await handler(request(body, signMoWebhook(SECRET, body, clock.now())));
    clock.advance(60_000);
    await handler(request(body, signMoWebhook(SECRET, body, clock.now())));
    const envelopes: IntakeEnvelope[] = intake.sent.map((s) => s.envelope);
    expect(envelopes).toHaveLength(3);

    const ingest = intakeDeps(harness, { translator: null });
    // SQS delivers each at least once; two arrive at the same time.
    const results = await Promise.all([...envelopes, envelopes[0]!].map((envelope) => (envelope.kind === 'inbound' ? ingestMessage(ingest, envelope.message) : null)));
    const ids = new Set(results.map((r) => r?.messageId));
    expect(ids.size).toBe(1);
    const stored = results[0]!;
    const detail = await harness.repository.getComplaintDetail(stored.complaintId);
    expect(detail?.messages).toHaveLength(1);
    expect(detail?.messages[0]).toMatchObject({ text: '횡단보도 신호등이 고장났어요', receivedAt: '2026-11-29T00:59:58.000Z' });
    expect(detail?.complaint).toMatchObject({ channel: 'sms' });
    // The number is kept masked for display, never in clear.
    expect(JSON.stringify(detail?.complaint.citizen)).not.toContain('4321-8765');
  });

  it('refuses an unsigned, wrongly signed, stale or non-JSON request and enqueues nothing', async () => {
    const { clock, intake, handler, log } = setup();
    const body = mo({ messageId: 'kr-relay-20261129-000002' });
    expect((await handler(request(body, undefined))).statusCode).toBe(403);
    expect((await handler(request(body, signMoWebhook('not-the-relay-secret-0123456789abcdef', body, clock.now())))).statusCode).toBe(403);
    const stale = await handler(request(body, signMoWebhook(SECRET, body, new Date(clock.now().getTime() - 10 * 60_000))));
    expect(stale.statusCode).toBe(403);
    expect(JSON.parse(stale.body).error).toMatch(/stale/);
    expect((await handler(request(body, signMoWebhook(SECRET, body, clock.now()), 'text/plain'))).statusCode).toBe(415);
    const notJson = 'messageId=1';
    expect((await handler(request(notJson, signMoWebhook(SECRET, notJson, clock.now())))).statusCode).toBe(400);
    const invalid = mo({ messageId: 'has spaces', timestamp: 'yesterday' });
    const rejected = await handler(request(invalid, signMoWebhook(SECRET, invalid, clock.now())));
    expect(rejected.statusCode).toBe(400);
    expect(JSON.stringify(JSON.parse(rejected.body).details)).toMatch(/messageId.*timestamp|timestamp.*messageId/);
    expect(intake.sent).toHaveLength(0);
    expect(log.lines.map((l) => JSON.stringify(l))).not.toContainEqual(expect.stringContaining('4321'));
  });

  it('accepts the previous key while a rotation lasts', async () => {
    const { clock, intake, handler } = setup([SECRET, PREVIOUS]);
    const body = mo({ messageId: 'kr-relay-20261129-000003' });
    expect((await handler(request(body, signMoWebhook(PREVIOUS, body, clock.now())))).statusCode).toBe(200);
    expect(intake.sent).toHaveLength(1);
  });

  it('reads the signing keys from Secrets Manager, picks up a rotation after the cache time, and does not keep a failed read', async () => {
    const secrets = mockClient(SecretsManagerClient);
    try {
      let now = 0;
      secrets.on(GetSecretValueCommand).resolvesOnce({ SecretString: JSON.stringify({ current: SECRET }) }).rejectsOnce(new Error('throttled')).resolves({
        SecretString: JSON.stringify({ current: 'kr-relay-signing-secret-next-0123456789ab', previous: SECRET }),
      });
      const read = refreshingJsonSecret(() => ({ client: new SecretsManagerClient({ region: 'ap-northeast-2' }), secretId: 'mo-secret' }), MoWebhookSecretSchema, 1000, () => now);
      expect(await read()).toEqual({ current: SECRET });
      now = 500;
      expect(await read()).toEqual({ current: SECRET });
      now = 1500;
      await expect(read()).rejects.toThrow(/throttled/);
      expect(await read()).toEqual({ current: 'kr-relay-signing-secret-next-0123456789ab', previous: SECRET });
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    } finally {
      secrets.restore();
    }
  });
});
