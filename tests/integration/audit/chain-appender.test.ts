import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRecorder } from '../../../functions/core/audit/deps.ts';
import type { AuditStore } from '../../../functions/core/audit/ports.ts';
import { verifyDay } from '../../../functions/core/audit/verify-day.ts';
import { actor, citizen, complaint, request, startAuditHarness, type AuditHarness } from './harness.ts';

type Counted = 'chainHead' | 'findInChain' | 'append';

/** The store, counting the calls an append makes and the slots it lost. */
function counting(store: AuditStore): { store: AuditStore; calls: Record<Counted, number>; lost: number } {
  const tally = { calls: { chainHead: 0, findInChain: 0, append: 0 }, lost: 0 };
  const wrapped: AuditStore = Object.create(store) as AuditStore;
  wrapped.chainHead = (chain) => {
    tally.calls.chainHead += 1;
    return store.chainHead(chain);
  };
  wrapped.findInChain = (chain, eventId) => {
    tally.calls.findInChain += 1;
    return store.findInChain(chain, eventId);
  };
  wrapped.append = async (record) => {
    tally.calls.append += 1;
    const taken = await store.append(record);
    if (!taken) tally.lost += 1;
    return taken;
  };
  return Object.assign(tally, { store: wrapped });
}

describe('a recorder appends its own records one after another per chain, from the head it wrote last', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('20 concurrent calls on one chain lose no slot: one head read, then one event check and one put per record', async () => {
    h.clock.set('2026-04-01T01:00:00.000Z');
    const store = counting(h.deps.store);
    const recorder = accessRecorder({ store: store.store, clock: h.clock, shards: 1 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => recorder.record(actor(`counselor${i}`), request(h.clock), { action: 'complaint.read', complaintId: complaint(i + 1), citizenKeyHash: citizen(i) })));
    expect(store.calls).toEqual({ chainHead: 1, findInChain: 20, append: 20 });
    expect(await verifyDay(h.deps, '2026-04-01')).toMatchObject({ records: 20, findings: [] });
  });

  it('a head another writer moved on costs one lost slot and a fresh read, and the chain stays whole', async () => {
    h.clock.set('2026-04-02T01:00:00.000Z');
    const mine = counting(h.deps.store);
    const recorder = accessRecorder({ store: mine.store, clock: h.clock, shards: 1 });
    const other = accessRecorder({ store: h.deps.store, clock: h.clock, shards: 1 });
    await recorder.record(actor('kim'), request(h.clock), { action: 'complaints.list', resultCount: 1 });
    await other.record(actor('lee'), request(h.clock), { action: 'complaints.list', resultCount: 2 });
    await recorder.record(actor('kim'), request(h.clock), { action: 'complaints.list', resultCount: 3 });
    expect(mine.calls).toEqual({ chainHead: 2, findInChain: 3, append: 3 });
    expect(mine.lost).toBe(1);
    expect(await verifyDay(h.deps, '2026-04-02')).toMatchObject({ records: 3, findings: [] });
  });
});
