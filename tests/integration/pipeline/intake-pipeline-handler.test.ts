import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { DeliveryInProgressError } from '../../../functions/core/ingest-message.ts';
import { createIntakePipelineHandler } from '../../../functions/handlers/intake-pipeline.ts';
import type { PipelineDeps } from '../../../functions/wiring/deps/intake-pipeline.ts';
import type { InboundMessage, IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import { embeddedDynamoClient, ensureComplaintTable, startEmbeddedDynamo, type EmbeddedDynamo } from '../../../local/embedded-dynamodb.ts';
import { lambdaContext } from '../../../local/apigw-event.ts';
import { LocalQueue } from '../../../local/local-queue.ts';
import {
  CapturingLog,
  FakeMediaFetcher,
  InMemoryMediaStore,
  RecordingEventPublisher,
  RecordingIntakeQueue,
  testPiiProtector,
} from '../../support/in-memory-ports.ts';
import { systemClock } from '../../../functions/core/ports/runtime.ts';
import { sqsEvent } from '../../support/sqs-event.ts';

const TABLE = 'complaints';

function sms(i: number): InboundMessage {
  return {
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: `SM${String(i).padStart(32, '0')}`,
    citizenHandle: `010-7000-${String(1000 + i)}`,
    citizenHandleKind: 'phone',
    text: `배치 문의 ${i}`,
    media: [],
    receivedAt: new Date().toISOString(),
  };
}


describe('intake pipeline handler (SQS batches on the embedded DynamoDB)', () => {
  let store: EmbeddedDynamo;
  let dataDir: string;
  let log: CapturingLog;

  const depsFor = (endpoint: string): PipelineDeps => {
    const documents = DynamoDBDocumentClient.from(embeddedDynamoClient(endpoint), { marshallOptions: { removeUndefinedValues: true } });
    const repository = new DynamoComplaintRepository(documents, TABLE);
    const events = new RecordingEventPublisher();
    const intakeQueue = new RecordingIntakeQueue();
    return {
      keywords: { preferences: new DynamoCitizenPreferences(documents, TABLE), pii: testPiiProtector(), clock: systemClock, log },
      ingest: {
        repository,
        pii: testPiiProtector(),
        clock: systemClock,
        log,
        translator: null,
        intakeQueue,
        mediaFetcher: new FakeMediaFetcher(),
        mediaStore: new InMemoryMediaStore(),
        events,
      },
      translate: { repository, translator: null, intakeQueue, events, clock: systemClock, log },
      log,
      maxReceiveCount: 5,
    };
  };
  const storedCount = async (deps: PipelineDeps) => (await deps.ingest.repository.listComplaints({ limit: 100, order: 'newest' })).items.length;

  beforeEach(async () => {
    log = new CapturingLog();
    dataDir = await mkdtemp(join(tmpdir(), 'pipeline-'));
    store = await startEmbeddedDynamo();
    const client = embeddedDynamoClient(store.endpoint);
    await ensureComplaintTable(client, TABLE);
    client.destroy();
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fails only the poison record of a batch of ten, and stores the other nine', async () => {
    const deps = depsFor(store.endpoint);
    const handler = createIntakePipelineHandler(async () => deps);
    const bodies = Array.from({ length: 10 }, (_, i) => JSON.stringify({ kind: 'inbound', message: sms(i) } satisfies IntakeEnvelope));
    bodies[4] = '{"kind":"inbound","message":{"channel":"fax"}}';
    const result = await handler(sqsEvent(bodies), lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-4' }]);
    expect(await storedCount(deps)).toBe(9);
  });

  it('loses nothing when DynamoDB is unavailable for a whole batch: every record fails, then all are stored on redelivery', async () => {
    const { port } = store;
    await store.close();
    const down = depsFor(`http://127.0.0.1:${port}`);
    const handler = createIntakePipelineHandler(async () => down);
    const bodies = Array.from({ length: 10 }, (_, i) => JSON.stringify({ kind: 'inbound', message: sms(100 + i) }));
    const failed = await handler(sqsEvent(bodies), lambdaContext('intake-pipeline') as Context);
    expect(failed.batchItemFailures).toHaveLength(10);

    store = await startEmbeddedDynamo({ port });
    const client = embeddedDynamoClient(store.endpoint);
    await ensureComplaintTable(client, TABLE);
    client.destroy();
    const up = depsFor(store.endpoint);
    const retried = await createIntakePipelineHandler(async () => up)(sqsEvent(bodies), lambdaContext('intake-pipeline') as Context);
    expect(retried.batchItemFailures).toEqual([]);
    expect(await storedCount(up)).toBe(10);
  });

  it('sends a poison message to the dead-letter queue after the bounded number of receives, and nothing else', async () => {
    const deps = depsFor(store.endpoint);
    const handler = createIntakePipelineHandler(async () => deps);
    const queue = new LocalQueue({ dir: dataDir, maxReceiveCount: 3, visibilityTimeoutMs: 0 });
    await queue.open();
    await queue.send(Array.from({ length: 9 }, (_, i) => ({ kind: 'inbound' as const, message: sms(200 + i) })));
    // A body that is valid JSON but not an envelope: what a buggy producer might send.
    await queue.send([{ kind: 'translate', complaintId: '', messageId: '', attempt: 0 } as IntakeEnvelope]);
    queue.start((event) => handler(event, lambdaContext('intake-pipeline') as Context));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await queue.whenIdle();
    await queue.stop();
    expect(await storedCount(deps)).toBe(9);
    const dead = await queue.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.receiveCount).toBe(3);
  });

  it('retries a record whose message another delivery is finishing, logging it as routine rather than as an error', async () => {
    const deps = depsFor(store.endpoint);
    const repository = deps.ingest.repository;
    const standingDown: PipelineDeps = {
      ...deps,
      ingest: {
        ...deps.ingest,
        repository: new Proxy(repository, {
          get: (target, property, receiver) =>
            property === 'getMessageClaim'
              ? async () => {
                  throw new DeliveryInProgressError('message is being finished by another delivery');
                }
              : (Reflect.get(target, property, receiver) as unknown),
        }),
      },
    };
    const handler = createIntakePipelineHandler(async () => standingDown);
    const result = await handler(sqsEvent([JSON.stringify({ kind: 'inbound', message: sms(8) })]), lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-0' }]);
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'queue record deferred: another delivery is finishing it' }));
  });

  it('never logs a citizen phone number in clear', async () => {
    const deps = depsFor(store.endpoint);
    const handler = createIntakePipelineHandler(async () => deps);
    await handler(sqsEvent([JSON.stringify({ kind: 'inbound', message: sms(7) })]), lambdaContext('intake-pipeline') as Context);
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.text()).not.toMatch(/7000-?1007|\+82107000/);
  });
});
