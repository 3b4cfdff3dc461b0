import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerKey, rollupKey } from '../../../functions/adapters/dynamodb/statistics-keys.ts';
import { LEDGER_LEASE_MS, RollupInProgressError } from '../../../functions/core/statistics/apply-contribution.ts';
import { reconcileDay } from '../../../functions/core/statistics/reconcile-day.ts';
import { rollUpEvent } from '../../../functions/core/statistics/roll-up-event.ts';
import { statisticsFromRecount, statisticsFromRollups, statisticsRange } from '../../../functions/core/statistics/statistics-report.ts';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { runScenario, type Scenario } from './scenario.ts';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.harness.close();
  scenario = undefined;
});

/** Deterministic shuffle, so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function compare(s: Scenario) {
  const range = statisticsRange({ from: s.days[0], to: s.days.at(-1) }, s.clock);
  const rollups = await statisticsFromRollups({ store: s.store, voice: null }, range);
  const recount = await statisticsFromRecount({ sources: s.sources, voice: null }, range);
  return { rollups: { ...rollups, source: undefined }, recount: { ...recount, source: undefined }, raw: recount };
}

describe('statistics from the rollups equal a recount of the raw items', () => {
  it('after every event was delivered twice, in shuffled order', async () => {
    scenario = await runScenario();
    const s = scenario;
    const deps = { store: s.store, sources: s.sources, clock: s.clock, log: s.log };
    for (const event of shuffled([...s.events.events, ...s.events.events], 7)) await rollUpEvent(deps, event);
    const { rollups, recount, raw } = await compare(s);
    expect(rollups).toEqual(recount);
    // The scenario is what it says, so equality is not two empty reports.
    expect(raw.total.contacts.total).toBe(5);
    expect(raw.total.complaints).toMatchObject({ total: 4, byChannel: { sms: 3, chat: 1 }, byLanguage: { ko: 3, en: 1 }, byStatus: { closed: 2, received: 1, answered: 1 } });
    expect(raw.byDay.map((day) => day.complaints.total)).toEqual([3, 1, 0, 0]);
    expect(raw.total.firstContactResolution).toEqual({ closed: 2, resolved: 1, rate: 0.5 });
    expect(raw.total.onTime).toMatchObject({ answered: 3, onTime: 3 });
    expect(raw.total.signLanguage).toEqual({ kept: 1, noShow: 1, cancelled: 1, upcoming: 0 });
    expect(raw.total.happyCalls).toEqual({ made: 2, byLanguage: { en: 1, vi: 1 }, byOutcome: { answered: 1, pending: 1 } });
    for (const day of s.days) expect((await reconcileDay(deps, day)).consistent).toBe(true);
  });

  it('after deliveries that died mid-way were redelivered once their lease was over', async () => {
    scenario = await runScenario();
    const s = scenario;
    const deps = { store: s.store, sources: s.sources, clock: s.clock, log: s.log };
    let writes = 0;
    // Every third write of the first pass dies (its own write done): a Lambda killed at that point.
    const dying = new Proxy(s.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (!['beginChange', 'addToRollup', 'commitChange', 'releaseToken', 'takeOverChange'].includes(String(property))) return value.bind(target);
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          writes += 1;
          if (writes % 3 === 0) throw new Error('killed');
          return result;
        };
      },
    });
    for (const event of s.events.events) await rollUpEvent({ ...deps, store: dying }, event).catch(() => undefined);
    s.clock.advance(LEDGER_LEASE_MS);
    for (const event of shuffled(s.events.events, 3)) await rollUpEvent(deps, event);
    const { rollups, recount } = await compare(s);
    expect(rollups).toEqual(recount);
  });
});

describe('the reconciliation', () => {
  it('finds a missed event, a lost ledger and a tampered rollup, reports the drift and repairs it', async () => {
    scenario = await runScenario();
    const s = scenario;
    const deps = { store: s.store, sources: s.sources, clock: s.clock, log: s.log };
    const missed = s.events.events.find((e) => e.type === 'message.stored');
    for (const event of s.events.events) if (event !== missed) await rollUpEvent(deps, event);
    const day = '2026-05-11';
    // A rollup edited by hand, and a ledger lost, on the same day.
    await s.harness.documents.send(new UpdateCommand({ TableName: s.harness.table.tableName, Key: rollupKey({ day, kind: 'complaints' }), UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': 'c.complaints' }, ExpressionAttributeValues: { ':n': 5 } }));
    const closed = (await s.sources.complaintsCreatedOn(day))[0] as string;
    await s.harness.documents.send(new DeleteCommand({ TableName: s.harness.table.tableName, Key: ledgerKey({ day, kind: 'complaints' }, closed) }));
    expect((await compare(s)).rollups).not.toEqual((await compare(s)).recount);

    const report = await reconcileDay(deps, day);
    // Drift is the rollup as found minus the recount: one contact short, five complaints too many.
    expect(report.kinds.contacts.driftFound).toEqual({ contacts: -1, 'channel.sms': -1, 'language.ko': -1 });
    expect(report.kinds.contacts.refreshed).toBe(1);
    expect(report.kinds.complaints.driftFound).toEqual({ complaints: 5 });
    expect(report.kinds.complaints.repaired).toBe(true);
    expect(report.consistent).toBe(true);
    for (const other of s.days) await reconcileDay(deps, other);
    const { rollups, recount } = await compare(s);
    expect(rollups).toEqual(recount);
    // A second run finds nothing to do.
    const again = await reconcileDay(deps, day);
    expect(again.kinds.complaints).toMatchObject({ driftFound: {}, refreshed: 0, repaired: false });
  });

  it('counts from scratch a day nobody counted (backfill), and events after that still land once', async () => {
    scenario = await runScenario();
    const s = scenario;
    const deps = { store: s.store, sources: s.sources, clock: s.clock, log: s.log };
    for (const day of s.days) {
      const report = await reconcileDay(deps, day);
      expect(report.consistent).toBe(true);
    }
    expect((await reconcileDay(deps, '2026-05-11')).kinds.complaints.rebuilt).toBe(false);
    for (const event of s.events.events) await rollUpEvent(deps, event);
    const { rollups, recount } = await compare(s);
    expect(rollups).toEqual(recount);
  });

  it('leaves a change another delivery is applying to it', async () => {
    scenario = await runScenario();
    const s = scenario;
    const deps = { store: s.store, sources: s.sources, clock: s.clock, log: s.log };
    const first = s.events.events[0];
    if (!first) throw new Error('no event');
    const holding = new Proxy(s.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'addToRollup') return async () => Promise.reject(new Error('killed after the ledger write'));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(rollUpEvent({ ...deps, store: holding }, first)).rejects.toThrow('killed');
    await expect(rollUpEvent(deps, first)).rejects.toBeInstanceOf(RollupInProgressError);
    const report = await reconcileDay(deps, '2026-05-11');
    expect(report.kinds.complaints.inProgress + report.kinds.contacts.inProgress).toBeGreaterThan(0);
  });
});
