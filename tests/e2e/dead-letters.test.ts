import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ComplaintRepository } from '../../functions/core/ports/complaint-repository.ts';
import { embeddedDynamoClient } from '../../local/embedded-dynamodb.ts';
import type { IntakeEnvelope } from '../../schemas/inbound-message.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface DeadLetter {
  messageId: string;
  reason: string;
  attempts: number;
  lastError?: { name: string; message: string };
  envelope?: Record<string, unknown>;
}

const TEXT = '주민번호 900101-1234567 이고 연락처는 010-9876-5432 입니다';

/** A repository whose every call fails, as DynamoDB does when it is unreachable. */
function unreachable(repository: ComplaintRepository): ComplaintRepository {
  return new Proxy(repository, {
    get: () => async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8120'), { name: 'TimeoutError' });
    },
  });
}

describe('local dead-letter queue', () => {
  let gateway: TestGateway;
  let repository: ComplaintRepository;

  beforeAll(async () => {
    gateway = await startTestGateway();
    repository = gateway.deps.pipeline.ingest.repository;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const deadLetters = async () => (await gateway.api<{ items: DeadLetter[] }>('/api/dead-letters', {}, { as: 'supervisor' })).body.items;
  const redrive = async (messageId: string | undefined) => gateway.api(`/api/dead-letters/${messageId}/redrive`, { method: 'POST' }, { as: 'supervisor' });

  it('shows a contact the pipeline gave up on masked, with a typed reason, the last error and the attempt count', async () => {
    gateway.deps.pipeline.ingest.repository = unreachable(repository);
    const sent = await gateway.sms({ from: '010-3434-5656', body: TEXT });
    expect(sent.status).toBe(200);
    await expect.poll(deadLetters, { timeout: 20_000 }).toHaveLength(1);
    gateway.deps.pipeline.ingest.repository = repository;

    const [dead] = await deadLetters();
    expect(dead).toEqual({
      messageId: expect.any(String),
      reason: 'processing_failed',
      attempts: 5,
      sentAt: expect.any(String),
      lastError: { name: 'TimeoutError', message: 'connect ECONNREFUSED 127.0.0.1:8120' },
      envelope: {
        kind: 'inbound',
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: sent.params.MessageSid,
        citizen: '+82 10-****-5656',
        text: '주민번호 900101-1****** 이고 연락처는 010-****-5432 입니다',
        media: [],
        receivedAt: expect.any(String),
      },
    });
    const shown = JSON.stringify(await deadLetters());
    for (const clear of ['3434-5656', '1034345656', '1234567', '9876']) expect(shown).not.toContain(clear);
  });

  it('shows a message that is not an intake envelope by its reason only, none of its content', async () => {
    const poison = { kind: 'inbound', message: { channel: 'fax', citizenHandle: '010-1111-2222', text: '900101-1234567' } } as unknown as IntakeEnvelope;
    await gateway.queue.send([poison]);
    await expect.poll(async () => (await deadLetters()).length, { timeout: 20_000 }).toBe(2);
    const invalid = (await deadLetters()).find((item) => item.reason === 'invalid_envelope');
    expect(invalid).toMatchObject({ attempts: 5, lastError: { name: 'PoisonMessageError' } });
    expect(invalid?.envelope).toBeUndefined();
    const shown = JSON.stringify(invalid);
    for (const clear of ['1111-2222', '1234567']) expect(shown).not.toContain(clear);
  });

  it('redrives a dead letter with its original payload: the contact is stored exactly as the citizen wrote it', async () => {
    const dead = (await deadLetters()).find((item) => item.reason === 'processing_failed');
    const redriven = await redrive(dead?.messageId);
    expect(redriven.status).toBe(202);
    await gateway.settle();
    expect((await deadLetters()).map((item) => item.reason)).toEqual(['invalid_envelope']);

    const list = await gateway.api<{ items: Array<{ citizen: string }> }>('/api/complaints?channel=sms');
    expect(list.body.items.map((item) => item.citizen)).toEqual(['+82 10-****-5656']);
    const dynamo = embeddedDynamoClient(gateway.dynamoEndpoint);
    const { Items } = await dynamo.send(new ScanCommand({ TableName: gateway.config.TABLE_NAME }));
    dynamo.destroy();
    expect((Items ?? []).map((item) => item.text?.S).filter(Boolean)).toEqual([TEXT]);

    expect((await redrive(dead?.messageId)).status).toBe(404);
    expect((await redrive('..%2F..%2Foutbox')).status).toBe(404);
  });
});
