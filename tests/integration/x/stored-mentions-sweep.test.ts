import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundMessageSchema, type InboundMessage, type InboundMessageInput } from '../../../schemas/inbound-message.ts';
import type { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoXStoredMentions } from '../../../functions/adapters/dynamodb/x-stored-mentions.ts';
import { DynamoXPollerStateRepository } from '../../../functions/adapters/dynamodb/x-poller-state-repository.ts';
import { buildXDeletionSweep, type XDeletionSweep } from '../../../functions/adapters/x/build-x-deletion-sweep.ts';
import { ingestMessage, type IngestDeps } from '../../../functions/core/ingest-message.ts';
import { FakeTranslator } from '../../support/in-memory-ports.ts';
import { pipelineDeps } from './pipeline-deps.ts';
import { APP_BEARER, CITY_ACCOUNT_ID, RecordingMetrics, silentLog, startPollerHarness, type PollerHarness } from './harness.ts';

const NOW = '2025-03-14T05:00:00.000Z';
let sequence = 1_866_503_928_398_100_000n;

describe('X compliance sweep on the complaint table (embedded DynamoDB, local X API v2)', () => {
  let h: PollerHarness;
  let repository: DynamoComplaintRepository;
  let ingest: IngestDeps;
  let metrics: RecordingMetrics;
  let sweep: XDeletionSweep;

  beforeEach(async () => {
    h = await startPollerHarness();
    ({ repository, ingest } = pipelineDeps(h, new FakeTranslator()));
    metrics = new RecordingMetrics();
    sweep = build();
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

  const build = (overrides: Partial<Parameters<typeof buildXDeletionSweep>[0]> = {}): XDeletionSweep =>
    buildXDeletionSweep({
      db: h.db,
      tableName: h.table.tableName,
      credentials: { bearerToken: APP_BEARER },
      accountId: CITY_ACCOUNT_ID,
      apiBaseUrl: h.x.baseUrl,
      monthlyReadBudget: 10_000,
      // Longer than the oldest mention below; production keeps 3650 days (one Query per day listed).
      windowDays: 500,
      metrics,
      clock: h.clock,
      log: silentLog,
      ...overrides,
    });

  const daysAgo = (days: number): string => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

  // docs.x.com x-api/compliance/batch-compliance: upload ids, download only those with an event
  // (deleted, protected, suspended...). Compliance is not a billed post read (fundamentals/post-cap).
  it('checks every held mention, however old, with an X batch compliance job and removes deleted, protected and suspended ones without a post read', async () => {
    const kept = await storeMention('501');
    const deleted = await storeMention('502', { receivedAt: daysAgo(400) });
    const hidden = await storeMention('503', { receivedAt: daysAgo(45) });
    const suspended = await storeMention('504');
    h.x.deleted.add(deleted.id);
    h.x.protectedPosts.add(hidden.id);
    h.x.suspendedPosts.add(suspended.id);

    const submitted = await sweep.sweepOnce();
    const waiting = await sweep.sweepOnce();
    h.x.completeComplianceJobs();
    h.clock.advance(60 * 60 * 1000);
    const applied = await sweep.sweepOnce();

    expect(submitted.job).toMatchObject({ step: 'submitted', submittedIds: 4 });
    expect(h.x.complianceJobs[0]?.ids.sort()).toEqual([kept.id, deleted.id, hidden.id, suspended.id].sort());
    expect(waiting.job.step).toBe('waiting');
    expect(applied.job).toMatchObject({ step: 'applied', redacted: { deleted: 1, protected: 1, suspended: 1 } });
    expect(await repository.getMessage(deleted.complaintId, deleted.messageId)).toMatchObject({ text: '', redactionReason: 'deleted', redactedAt: '2025-03-14T06:00:00.000Z' });
    expect(await repository.getMessage(hidden.complaintId, hidden.messageId)).toMatchObject({ text: '', redactionReason: 'protected' });
    const gone = await repository.getMessage(suspended.complaintId, suspended.messageId);
    expect(gone).toMatchObject({ text: '', redactionReason: 'suspended', providerMessageId: suspended.id, direction: 'inbound', language: 'en' });
    expect(gone?.translation.text).toBeUndefined();
    expect((await repository.getMessage(kept.complaintId, kept.messageId))?.text).toBe(`@seoul_city the street light ${kept.id} is broken`);
    expect(await repository.getComplaint(deleted.complaintId)).toMatchObject({ complaintId: deleted.complaintId, channel: 'x' });
    expect(lookedUpIds()).toEqual([]);
    expect(h.x.billed.reads).toBe(0);
  });

  it('looks mentions up (billed reads) only at ages 1, 2, 4, 8, 16, 32 days and every 30 days after, once a day', async () => {
    const byAge = new Map<number, string>();
    for (const age of [0, 1, 2, 3, 4, 5, 8, 9, 33, 60, 61]) byAge.set(age, (await storeMention(`6${age}`, { receivedAt: daysAgo(age) })).id);
    const lookupsOnly = build({ complianceJobs: false });

    const first = await lookupsOnly.sweepOnce();
    const second = await lookupsOnly.sweepOnce();

    expect(new Set(lookedUpIds())).toEqual(new Set([1, 2, 4, 8, 60].map((age) => byAge.get(age))));
    expect(first).toMatchObject({ outcome: 'completed', checked: 5, job: { step: 'disabled' } });
    expect(second.outcome).toBe('done-today');
    expect(lookedUpIds()).toHaveLength(5);
  });

  it('spends its own read budget, never the poller\'s: at its budget it stops with the alarm while the poller still reads', async () => {
    await storeMention('508', { receivedAt: daysAgo(1) });
    const tight = build({ monthlyReadBudget: 1, complianceJobs: false });
    await new DynamoXPollerStateRepository(h.db, h.table.tableName, CITY_ACCOUNT_ID, { budgetPool: 'sweep' }).reserveReads('2025-03', 1, 1, 1);

    const result = await tight.sweepOnce();

    expect(result.outcome).toBe('budget-exhausted');
    expect(lookedUpIds()).toEqual([]);
    expect(metrics.events).toEqual([{ name: 'ReadBudgetExhausted', value: { month: '2025-03', budget: 1 } }]);
    expect(await h.state.readsUsed('2025-03')).toBe(0);
    h.x.addMention({ id: '1866503928398199999', text: '@seoul_city hello', author_id: '509' });
    expect((await h.poll('after-sweep')).outcome).toBe('completed');
  });

  it('removes a mention withheld in Korea (lookup withheld.country_codes) and keeps one withheld elsewhere', async () => {
    const here = await storeMention('510', { receivedAt: daysAgo(2) });
    const elsewhere = await storeMention('511', { receivedAt: daysAgo(2) });
    h.x.withheldPosts.set(here.id, ['KR']);
    h.x.withheldPosts.set(elsewhere.id, ['DE']);

    const result = await build({ complianceJobs: false }).sweepOnce();

    expect(result.redacted.withheld).toBe(1);
    expect(await repository.getMessage(here.complaintId, here.messageId)).toMatchObject({ text: '', redactionReason: 'withheld' });
    expect((await repository.getMessage(elsewhere.complaintId, elsewhere.messageId))?.text).not.toBe('');
  });

  it('keeps the lookup endpoint\'s rate-limit window apart: a 429 on GET /2/tweets waits for its reset, the poller goes on', async () => {
    await storeMention('512', { receivedAt: daysAgo(1) });
    h.x.script('lookup', { kind: 'rate-limit', resetEpochSeconds: Date.parse('2025-03-14T05:15:00.000Z') / 1000 });

    const limited = await build({ complianceJobs: false }).sweepOnce();

    expect(limited).toMatchObject({ outcome: 'rate-limited', retryAfter: '2025-03-14T05:15:00.000Z' });
    expect((await h.state.getState()).lookupRateLimitedUntil?.toISOString()).toBe('2025-03-14T05:15:00.000Z');
    expect((await h.state.getState()).rateLimitedUntil).toBeUndefined();
    expect((await h.poll('poller-unaffected')).outcome).toBe('completed');
  });

  it('lists complaint days only back to the oldest mention the poller ever enqueued, not the whole retention window', async () => {
    h.x.addMention({ id: '1866503928398045400', text: '@seoul_city 사흘 전 글', author_id: '520', created_at: daysAgo(3) });
    await h.poll('first-ever');
    const queries: string[] = [];
    h.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries.push(context.commandName);
        return next(args);
      },
      { step: 'initialize', name: 'countQueries' },
    );

    await build({ windowDays: 3650 }).sweepOnce();

    // Days 3..0 ago on the channel-day index, for the job and the lookup pass: not 3,650 of them.
    expect(queries.length).toBeLessThanOrEqual(8);
    expect((await h.state.getState()).oldestMentionDay).toBe('2025-03-11');
  });

  it('redacts a mention it did not list itself, finding its complaint through the message claim', async () => {
    const mention = await storeMention('507');
    const stored = new DynamoXStoredMentions(h.db, h.table.tableName, { windowDays: 1, clock: h.clock });

    await stored.redactMentionText(mention.id, 'deleted', h.clock.now());
    await stored.redactMentionText(mention.id, 'protected', h.clock.now());

    expect(await repository.getMessage(mention.complaintId, mention.messageId)).toMatchObject({ text: '', redactionReason: 'deleted', redactedAt: NOW });
  });
});
