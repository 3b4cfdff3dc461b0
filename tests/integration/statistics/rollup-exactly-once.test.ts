import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStatisticsStore } from '../../../functions/adapters/dynamodb/statistics-store.ts';
import { applyContribution, LEDGER_LEASE_MS, RollupInProgressError } from '../../../functions/core/statistics/apply-contribution.ts';
import { counters, type Counters } from '../../../functions/core/statistics/counters.ts';
import type { Bucket, Contribution } from '../../../functions/core/statistics/model.ts';
import type { RollupStore } from '../../../functions/core/statistics/ports.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { ManualClock } from '../../support/in-memory-ports.ts';

let table: TestTable;
let store: DynamoStatisticsStore;
let day = 0;

beforeAll(async () => {
  table = await startTestTable();
  store = new DynamoStatisticsStore(DynamoDBDocumentClient.from(table.client), table.tableName);
});
afterAll(async () => table.close());

/** Each test counts into a day of its own. */
function freshBucket(): Bucket {
  day += 1;
  return { day: `2026-04-${String(day).padStart(2, '0')}`, kind: 'complaints' };
}

function contribution(bucket: Bucket, entityId: string, values: Record<string, number>): Contribution {
  return { ref: { kind: 'complaint', complaintId: entityId }, entityId, bucket, counters: counters(values) };
}

async function rollup(bucket: Bucket): Promise<{ counters: Counters; tokens: readonly string[] }> {
  const snapshot = (await store.readRollups([bucket.day])).get(bucket.day)?.[bucket.kind];
  return { counters: snapshot?.counters ?? {}, tokens: snapshot?.tokens ?? [] };
}

class SimulatedCrash extends Error {}

/** The store, dying right after its `n`-th write (the write itself took effect). */
function crashingAfterWrite(n: number): RollupStore {
  let writes = 0;
  const writesOf = new Set(['beginChange', 'takeOverChange', 'addToRollup', 'commitChange', 'releaseToken']);
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || !writesOf.has(String(property))) return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        writes += 1;
        if (writes === n) throw new SimulatedCrash(`crash after write ${n} (${String(property)})`);
        return result;
      };
    },
  });
}

describe('rollups count each entity exactly once', () => {
  it('adds a contribution once however often the same event is redelivered', async () => {
    const bucket = freshBucket();
    const clock = new ManualClock();
    const c = contribution(bucket, 'cmp_a', { complaints: 1, 'channel.sms': 1, 'category.도로/교통': 1 });
    expect(await applyContribution({ store, clock }, c)).toBe('applied');
    expect(await applyContribution({ store, clock }, c)).toBe('unchanged');
    expect(await applyContribution({ store, clock }, c)).toBe('unchanged');
    expect(await rollup(bucket)).toEqual({ counters: { complaints: 1, 'channel.sms': 1, 'category.도로/교통': 1 }, tokens: [] });
  });

  it('moves a changed contribution by its difference only', async () => {
    const bucket = freshBucket();
    const clock = new ManualClock();
    await applyContribution({ store, clock }, contribution(bucket, 'cmp_a', { complaints: 1, 'status.received': 1 }));
    await applyContribution({ store, clock }, contribution(bucket, 'cmp_b', { complaints: 1, 'status.received': 1 }));
    await applyContribution({ store, clock }, contribution(bucket, 'cmp_a', { complaints: 1, 'status.closed': 1, fcr: 1 }));
    expect((await rollup(bucket)).counters).toEqual({ complaints: 2, 'status.received': 1, 'status.closed': 1, fcr: 1 });
  });

  it('refuses to touch a change another delivery holds, until its lease is over', async () => {
    const bucket = freshBucket();
    const clock = new ManualClock();
    const c = contribution(bucket, 'cmp_a', { complaints: 1 });
    await expect(applyContribution({ store: crashingAfterWrite(1), clock }, c)).rejects.toBeInstanceOf(SimulatedCrash);
    await expect(applyContribution({ store, clock }, c)).rejects.toBeInstanceOf(RollupInProgressError);
    clock.advance(LEDGER_LEASE_MS);
    expect(await applyContribution({ store, clock }, c)).toBe('applied');
    expect(await rollup(bucket)).toEqual({ counters: { complaints: 1 }, tokens: [] });
  });

  // Writes of one first application: begin (1), add (2), commit (3), release (4).
  for (const crashAfter of [1, 2, 3, 4]) {
    it(`converges to one count when the writer dies after write ${crashAfter} and the event is redelivered`, async () => {
      const bucket = freshBucket();
      const clock = new ManualClock();
      const first = contribution(bucket, 'cmp_a', { complaints: 1, 'status.received': 1 });
      await expect(applyContribution({ store: crashingAfterWrite(crashAfter), clock }, first)).rejects.toBeInstanceOf(SimulatedCrash);
      clock.advance(LEDGER_LEASE_MS);
      await applyContribution({ store, clock }, first);
      await applyContribution({ store, clock }, first);
      // And a later change of the same entity still lands exactly once.
      await applyContribution({ store, clock }, contribution(bucket, 'cmp_a', { complaints: 1, 'status.closed': 1 }));
      const after = await rollup(bucket);
      expect(after.counters).toEqual({ complaints: 1, 'status.closed': 1 });
      // A holder that died after committing leaves its token behind (the reconciliation drops it).
      expect(after.tokens).toEqual(crashAfter === 3 ? ['cmp_a#1'] : []);
    });
  }

  it('counts once when the same event is processed by many deliveries at the same time', async () => {
    const bucket = freshBucket();
    const clock = new ManualClock();
    const c = contribution(bucket, 'cmp_a', { complaints: 1, 'channel.chat': 1 });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => applyContribution({ store, clock }, c)));
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'applied')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(RollupInProgressError);
    expect(await applyContribution({ store, clock }, c)).toBe('unchanged');
    expect(await rollup(bucket)).toEqual({ counters: { complaints: 1, 'channel.chat': 1 }, tokens: [] });
  });
});
