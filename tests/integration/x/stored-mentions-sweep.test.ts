import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundMessageSchema, type InboundMessage, type InboundMessageInput } from '../../../schemas/inbound-message.ts';
import type { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoXStoredMentions } from '../../../functions/adapters/dynamodb/x-stored-mentions.ts';
import { buildXDeletionSweep, type XDeletionSweep } from '../../../functions/adapters/x/build-x-deletion-sweep.ts';
import { ingestMessage, type IngestDeps } from '../../../functions/core/ingest-message.ts';
import { FakeTranslator } from '../../support/in-memory-ports.ts';
import { pipelineDeps } from './pipeline-deps.ts';
import { APP_BEARER, CITY_ACCOUNT_ID, RecordingMetrics, silentLog, startPollerHarness, type PollerHarness } from './harness.ts';

const NOW = '2025-03-14T05:00:00.000Z';
let sequence = 1_866_503_928_398_100_000n;

describe('X deletion sweep on the complaint table (embedded DynamoDB, local X API v2)', () => {
  let h: PollerHarness;
  let repository: DynamoComplaintRepository;
  let ingest: IngestDeps;
  let metrics: RecordingMetrics;
  let sweep: XDeletionSweep;

  beforeEach(async () => {
    h = await startPollerHarness();
    ({ repository, ingest } = pipelineDeps(h, new FakeTranslator()));
    metrics = new RecordingMetrics();
    sweep = buildXDeletionSweep({
      db: h.db,
      tableName: h.table.tableName,
      credentials: { bearerToken: APP_BEARER },
      accountId: CITY_ACCOUNT_ID,
      apiBaseUrl: h.x.baseUrl,
      monthlyReadBudget: 10_000,
      windowDays: 7,
      metrics,
      clock: h.clock,
      log: silentLog,
    });
  });
  afterEach(async () => {
    await h.close();
  });

  /** A mention stored by the pipeline, and known to the fake X (so a lookup finds it until deleted). */
  async function storeMention(author: string, overrides: Partial<InboundMessageInput> = {}): Promise<{ id: string; complaintId: string; messageId: string }> {
    sequence += 1n;
    const id = String(sequence);
    const message: InboundMessage = InboundMessageSchema.parse({
      channel: 'x',
      provider: 'x-api',
      providerMessageId: id,
      citizenHandle: author,
      citizenHandleKind: 'x-user',
      text: `@seoul_city the street light ${id} is broken`,
      conversationRef: id,
      receivedAt: NOW,
      ...overrides,
    });
    h.x.addMention({ id, text: message.text, author_id: author, conversation_id: message.conversationRef ?? id });
    const outcome = await ingestMessage(ingest, message);
    return { id, complaintId: outcome.complaintId, messageId: outcome.messageId };
  }

  const lookedUpIds = (): string[] =>
    h.x.requests.filter((request) => request.route === 'lookup').flatMap((request) => request.query.get('ids')?.split(',') ?? []);

  it('removes the text and translation of deleted and protected mentions, keeping the message and the complaint', async () => {
    const kept = await storeMention('501');
    const deleted = await storeMention('502');
    const hidden = await storeMention('503');
    h.x.deleted.add(deleted.id);
    h.x.protectedPosts.add(hidden.id);
    h.clock.advance(60 * 60 * 1000);

    const result = await sweep.sweepOnce();

    expect(result).toEqual({ outcome: 'completed', checked: 3, redacted: { deleted: 1, protected: 1 } });
    const gone = await repository.getMessage(deleted.complaintId, deleted.messageId);
    expect(gone).toMatchObject({ text: '', providerMessageId: deleted.id, redactedAt: '2025-03-14T06:00:00.000Z', direction: 'inbound', language: 'en' });
    expect(gone?.translation.text).toBeUndefined();
    expect((gone as unknown as { redactionReason: string }).redactionReason).toBe('deleted');
    expect(await repository.getMessage(hidden.complaintId, hidden.messageId)).toMatchObject({ text: '', redactionReason: 'protected' });
    const still = await repository.getMessage(kept.complaintId, kept.messageId);
    expect(still?.text).toBe(`@seoul_city the street light ${kept.id} is broken`);
    expect(still?.translation.text).toBeDefined();
    expect(still?.redactedAt).toBeUndefined();
    expect(await repository.getComplaint(deleted.complaintId)).toMatchObject({ complaintId: deleted.complaintId, channel: 'x' });
  });

  it('checks every held mention of a conversation, and no other channel', async () => {
    const first = await storeMention('504', { conversationRef: '1866503928398000001' });
    const second = await storeMention('504', { conversationRef: '1866503928398000001', receivedAt: '2025-03-14T05:10:00.000Z' });
    expect(second.complaintId).toBe(first.complaintId);
    await ingestMessage(
      ingest,
      InboundMessageSchema.parse({
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: 'SM00000000000000000000000000000001',
        citizenHandle: '010-2222-3333',
        citizenHandleKind: 'phone',
        text: '버스 정류장 안내판이 고장났어요',
        receivedAt: NOW,
      }),
    );

    await sweep.sweepOnce();

    expect(lookedUpIds().sort()).toEqual([first.id, second.id].sort());
  });

  it('re-checks only mentions of complaints created within the window, and never a redacted one again', async () => {
    const old = await storeMention('505', { receivedAt: '2025-03-01T05:00:00.000Z' });
    const recent = await storeMention('506', { receivedAt: '2025-03-08T01:00:00.000Z' });
    h.x.deleted.add(recent.id);

    const first = await sweep.sweepOnce();
    const second = await sweep.sweepOnce();

    expect(first.redacted.deleted).toBe(1);
    expect(lookedUpIds()).toEqual([recent.id]);
    expect(second).toEqual({ outcome: 'completed', checked: 0, redacted: { deleted: 0, protected: 0 } });
    expect((await repository.getMessage(old.complaintId, old.messageId))?.text).not.toBe('');
  });

  it('redacts a mention it did not list itself, finding its complaint through the message claim', async () => {
    const mention = await storeMention('507');
    const stored = new DynamoXStoredMentions(h.db, h.table.tableName, { windowDays: 1, clock: h.clock });

    await stored.redactMentionText(mention.id, 'deleted', h.clock.now());
    await stored.redactMentionText(mention.id, 'protected', h.clock.now());

    expect(await repository.getMessage(mention.complaintId, mention.messageId)).toMatchObject({ text: '', redactionReason: 'deleted', redactedAt: NOW });
  });

  it('stops at the monthly read budget and raises the budget alarm metric', async () => {
    await storeMention('508');
    const tight = buildXDeletionSweep({
      db: h.db,
      tableName: h.table.tableName,
      credentials: { bearerToken: APP_BEARER },
      accountId: CITY_ACCOUNT_ID,
      apiBaseUrl: h.x.baseUrl,
      monthlyReadBudget: 1,
      windowDays: 7,
      metrics,
      clock: h.clock,
      log: silentLog,
    });
    await h.state.reserveReads('2025-03', 1, 1, 1);

    const result = await tight.sweepOnce();

    expect(result.outcome).toBe('budget-exhausted');
    expect(lookedUpIds()).toEqual([]);
    expect(metrics.events).toEqual([{ name: 'ReadBudgetExhausted', value: { month: '2025-03', budget: 1 } }]);
  });
});
