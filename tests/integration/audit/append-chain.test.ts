import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPk } from '../../../functions/adapters/dynamodb/audit-keys.ts';
import { recordHash, shardOf, type ChainId } from '../../../functions/core/audit/chain.ts';
import type { AuditTrailDeps } from '../../../functions/core/audit/deps.ts';
import type { AccessRecord } from '../../../functions/core/audit/model.ts';
import type { AuditStore } from '../../../functions/core/audit/ports.ts';
import { recordAccess, recordRefusal } from '../../../functions/core/audit/record-access.ts';
import { sealDay } from '../../../functions/core/audit/seal-day.ts';
import { verifyDay } from '../../../functions/core/audit/verify-day.ts';
import { actor, citizen, complaint, request, startAuditHarness, type AuditHarness } from './harness.ts';

async function chainRecords(h: AuditHarness, chain: ChainId): Promise<Array<Record<string, unknown>>> {
  const { Items } = await h.documents.send(new QueryCommand({ TableName: h.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': chainPk(chain) }, ConsistentRead: true }));
  return Items ?? [];
}

async function allRecordsOfDay(h: AuditHarness, day: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for (let shard = 0; shard < 64; shard += 1) items.push(...(await chainRecords(h, { day, shard })));
  return items;
}

/** `writers` concurrent loops, each recording `each` reads of distinct complaints, all at the clock's time. */
async function concurrentWriters(h: AuditHarness, deps: AuditTrailDeps, writers: number, each: number): Promise<AccessRecord[]> {
  const loops = Array.from({ length: writers }, async (_, w) => {
    const written: AccessRecord[] = [];
    for (let i = 0; i < each; i += 1) {
      written.push(await recordAccess(deps, actor(`counselor${w}`), request(h.clock), { action: 'complaint.read', complaintId: complaint(w * 1000 + i + 1), citizenKeyHash: citizen(w) }));
    }
    return written;
  });
  return (await Promise.all(loops)).flat();
}

describe('appending access records to hash chains (embedded DynamoDB)', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('20 concurrent writers on 8 chains leave gap-free chains that verify against the sealed digest', async () => {
    h.clock.set('2026-03-02T01:00:00.000Z');
    const written = await concurrentWriters(h, h.deps, 20, 15);
    expect(new Set(written.map((record) => record.eventId)).size).toBe(300);

    const stored = await allRecordsOfDay(h, '2026-03-02');
    expect(stored).toHaveLength(300);
    const byShard = new Map<number, number[]>();
    for (const item of stored) byShard.set(Number(item.shard), [...(byShard.get(Number(item.shard)) ?? []), Number(item.seq)]);
    expect(byShard.size).toBeGreaterThan(1);
    for (const seqs of byShard.values()) expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1));

    h.clock.set('2026-03-03T00:30:00.000Z');
    const sealed = await sealDay(h.deps);
    expect(sealed).toMatchObject({ day: '2026-03-02', write: 'written', findings: [] });
    expect(sealed.digest.totalRecords).toBe(300);
    const report = await verifyDay(h.deps, '2026-03-02');
    expect(report).toMatchObject({ ok: true, digest: 'matched', records: 300, findings: [] });
  });

  it('20 concurrent writers on a single chain (every write contended) still leave one gap-free chain', async () => {
    h.clock.set('2026-03-04T02:00:00.000Z');
    const oneChain = { ...h.deps, shards: 1 };
    await concurrentWriters(h, oneChain, 20, 5);
    const stored = await chainRecords(h, { day: '2026-03-04', shard: 0 });
    expect(stored.map((item) => item.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (let i = 1; i < stored.length; i += 1) expect(stored[i]?.prevHash).toBe(stored[i - 1]?.hash);
    h.clock.set('2026-03-05T00:30:00.000Z');
    await sealDay(h.deps, '2026-03-04');
    expect(await verifyDay(h.deps, '2026-03-04')).toMatchObject({ ok: true, records: 100 });
  });

  it('records the same access once when the use case is called again with the same request', async () => {
    h.clock.set('2026-03-06T03:00:00.000Z');
    const same = request(h.clock);
    const event = { action: 'complaint.read', complaintId: complaint(7), citizenKeyHash: citizen(7) } as const;
    const first = await recordAccess(h.deps, actor('kim'), same, event);
    h.clock.advance(2_000);
    const second = await recordAccess(h.deps, actor('kim'), same, event);
    expect(second).toEqual(first);
    expect(await allRecordsOfDay(h, '2026-03-06')).toHaveLength(1);
  });

  it('ten concurrent deliveries of one access, among other writers, leave exactly one record of it', async () => {
    h.clock.set('2026-03-07T04:00:00.000Z');
    const same = request(h.clock);
    const duplicates = Array.from({ length: 10 }, () => recordAccess({ ...h.deps, shards: 2 }, actor('lee'), same, { action: 'citizen.history.read', citizenKeyHash: citizen(3) }));
    const others = concurrentWriters(h, { ...h.deps, shards: 2 }, 10, 3);
    const [results] = await Promise.all([Promise.all(duplicates), others]);
    expect(new Set(results.map((record) => `${record.shard}/${record.seq}`)).size).toBe(1);
    const stored = await allRecordsOfDay(h, '2026-03-07');
    expect(stored.filter((item) => item.eventId === results[0]?.eventId)).toHaveLength(1);
    expect(stored).toHaveLength(31);
  });

  it('a write whose answer was lost (the put succeeded, the call failed) is found on the next round, not written twice', async () => {
    h.clock.set('2026-03-08T05:00:00.000Z');
    let failNext = true;
    const losingAnswers: AuditStore = Object.assign(Object.create(h.deps.store) as AuditStore, {
      append: async (record: AccessRecord) => {
        const taken = await h.deps.store.append(record);
        if (failNext) {
          failNext = false;
          throw new Error('socket hang up');
        }
        return taken;
      },
    });
    const record = await recordAccess({ ...h.deps, store: losingAnswers }, actor('park'), request(h.clock), { action: 'reply.send', complaintId: complaint(9) });
    expect(failNext).toBe(false);
    const stored = await allRecordsOfDay(h, '2026-03-08');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.eventId).toBe(record.eventId);
  });

  it('records a refused attempt with the anonymous actor for 401 and the caller for 403', async () => {
    h.clock.set('2026-03-09T06:00:00.000Z');
    const unauthenticated = await recordRefusal(h.deps, null, request(h.clock), { action: 'complaint.read', refusal: 'unauthenticated' });
    const forbidden = await recordRefusal(h.deps, actor('choi', 'counselor'), request(h.clock), { action: 'audit.read', refusal: 'forbidden' });
    expect(unauthenticated).toMatchObject({ actorSubject: 'anonymous', role: 'none', outcome: 'refused', refusal: 'unauthenticated' });
    expect(forbidden).toMatchObject({ actorUsername: 'choi', role: 'counselor', outcome: 'refused', refusal: 'forbidden', action: 'audit.read' });
    expect(forbidden.hash).toBe(recordHash(forbidden));
  });

  it('places an event by its id: the same id always meets the same chain', () => {
    expect(shardOf('aud_0000000000000000000000000a', 8)).toBe(shardOf('aud_0000000000000000000000000a', 8));
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`aud_${String(i).padStart(26, '0')}`, 8)));
    expect([...shards].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
