import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_SERVICE_KEY_PREFIX } from '../../../functions/adapters/self-service/self-service-keys.ts';
import { createDynamoSelfServiceStats, createDynamoAddressRateLimiter } from '../../../functions/adapters/self-service/dynamodb-self-service-stats.ts';
import { buildPublicAnswers } from '../../../functions/wiring/self-service.ts';
import { recordingLog } from '../reservations/harness.ts';
import { SUPERVISOR, ndjson, ownCase, startKnowledgeHarness, type KnowledgeHarness } from '../knowledge/harness.ts';

describe('self-service answers on the complaint table and the index objects', () => {
  let h: KnowledgeHarness;
  beforeAll(async () => {
    h = await startKnowledgeHarness();
  });
  afterAll(async () => h.table.close());

  const publicParts = () => ({ documentClient: h.documents, tableName: h.table.tableName, objects: h.objects, clock: h.clock, log: recordingLog(), indexRefreshMs: 0 });

  it('builds the public answers object with every index, names it in the manifest, and follows publish and retire', async () => {
    await h.kb.importKnowledge(
      ndjson(
        ownCase('ss-bike', '공공자전거 대여 방법', { translations: { en: { title: 'Renting a public bike', answer: 'Use the Seoul Bike app.' } } }),
        ownCase('ss-boat', '한강 유람선 야간 운항'),
        ownCase('ss-draft', '초안 사례', { status: 'draft' }),
      ),
      'application/x-ndjson',
      SUPERVISOR,
    );
    const manifest = (await h.kb.stores.manifests.get())!;
    expect(manifest.answersObjectKey).toMatch(/^knowledge-index\/\d{10}-public-answers\.json\.gz$/);

    const answers = buildPublicAnswers(publicParts());
    const current = await answers.current();
    expect([...current.answers.keys()].sort()).toEqual(['ss-bike', 'ss-boat']);
    expect(current.answers.get('ss-bike')?.translations.en).toEqual({ title: 'Renting a public bike', answer: 'Use the Seoul Bike app.' });
    expect(current.index.search('유람선 야간', { limit: 3 })[0]?.caseId).toBe('ss-boat');

    await h.kb.retireCase('ss-boat', { expectedVersion: 1, note: '사업 종료' }, SUPERVISOR);
    expect((await answers.current()).answers.has('ss-boat')).toBe(false);
    const next = (await h.kb.stores.manifests.get())!;
    // The answers object the manifest no longer names is left to the bucket's lifecycle rule, as the index is.
    expect(h.objects.superseded.has(manifest.answersObjectKey!)).toBe(true);
    expect(h.objects.superseded.has(next.answersObjectKey!)).toBe(false);
  });

  it('counts per KST day with ADD, a visit once, and marks a visit contacted once and only within its window', async () => {
    const stats = createDynamoSelfServiceStats(h.documents, h.table.tableName);
    await stats.add('2026-12-05', 'searches');
    await stats.add('2026-12-05', 'searches');
    await stats.add('2026-12-06', 'notHelped');
    expect(await stats.noteVisitSearch('visit-a', '2026-12-05T14:00:00.000Z', '2026-12-05', 1_900_000_000)).toEqual({ first: true });
    expect(await stats.noteVisitSearch('visit-a', '2026-12-05T15:10:00.000Z', '2026-12-06', 1_900_000_000)).toEqual({ first: false });
    expect(await stats.markVisitContacted('visit-a', '2026-12-05T16:20:00.000Z', '2026-12-05T15:20:00.000Z')).toBeNull();
    expect(await stats.markVisitContacted('visit-a', '2026-12-05T16:00:00.000Z', '2026-12-05T15:00:00.000Z')).toBe('2026-12-05');
    expect(await stats.markVisitContacted('visit-a', '2026-12-05T16:01:00.000Z', '2026-12-05T15:01:00.000Z')).toBeNull();
    expect(await stats.markVisitContacted('visit-never', '2026-12-05T16:01:00.000Z', '2026-12-05T15:01:00.000Z')).toBeNull();
    expect(await stats.listDays('2026-12-05', '2026-12-06')).toEqual([
      { day: '2026-12-05', searches: 2 },
      { day: '2026-12-06', notHelped: 1 },
    ]);
  });

  it('limits an address hash per window with one conditional update, across limiter instances', async () => {
    const first = createDynamoAddressRateLimiter(h.documents, h.table.tableName);
    const second = createDynamoAddressRateLimiter(h.documents, h.table.tableName);
    const window = { start: 1_764_900_000_000, lengthMs: 60_000, limit: 2 };
    expect(await first.count('hash-1', window)).toBe(true);
    expect(await second.count('hash-1', window)).toBe(true);
    expect(await first.count('hash-1', window)).toBe(false);
    expect(await first.count('hash-2', window)).toBe(true);
    expect(await first.count('hash-1', { ...window, start: window.start + 60_000 })).toBe(true);
    const scan = await h.table.client.send(new (await import('@aws-sdk/client-dynamodb')).ScanCommand({ TableName: h.table.tableName }));
    const keys = (scan.Items ?? []).map((i) => i.pk?.S ?? '').filter((pk) => pk.startsWith(SELF_SERVICE_KEY_PREFIX));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join()).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
  });
});
