import { describe, expect, it } from 'vitest';
import { genesisHash, recordHash, type ChainId } from '../../../functions/core/audit/chain.ts';
import type { ShardSeal } from '../../../functions/core/audit/digest-model.ts';
import type { StoredChainItem } from '../../../functions/core/audit/ports.ts';
import { ChainWalk, type VerifyFinding } from '../../../functions/core/audit/verify-chain.ts';

const CHAIN: ChainId = { day: '2026-04-01', shard: 3 };

type Fields = Record<string, unknown>;

/** `count` correctly linked records of CHAIN, as the store holds them. */
function chain(count: number): Fields[] {
  const records: Fields[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const prev = records.at(-1);
    const unsealed: Fields = {
      v: 1,
      eventId: `aud_${String(seq).padStart(26, '0')}`,
      at: `2026-04-01T02:00:0${seq % 10}.000Z`,
      day: CHAIN.day,
      shard: CHAIN.shard,
      seq,
      actorSubject: 'sub-kim',
      actorUsername: 'kim@example.org',
      role: 'counselor',
      sourceIp: '198.51.100.7',
      action: 'complaint.read',
      outcome: 'allowed',
      requestId: `req-${seq}`,
      complaintId: `cmp_${seq}`,
      prevHash: prev ? prev.hash : genesisHash(CHAIN),
      ...(prev ? { prevEventId: prev.eventId } : {}),
    };
    records.push({ ...unsealed, hash: recordHash(unsealed) });
  }
  return records;
}

/** Re-hashes a record after changing it, as an intruder who knows the scheme would. */
function rehash(fields: Fields): Fields {
  const { hash: _dropped, ...rest } = fields;
  return { ...rest, hash: recordHash(rest) };
}

function item(fields: Fields, layoutProblems: string[] = []): StoredChainItem {
  return { seq: Number(fields.seq), fields, layoutProblems };
}

function sealOf(records: Fields[]): ShardSeal {
  const head = records.at(-1) ?? {};
  return { shard: CHAIN.shard, count: records.length, headSeq: Number(head.seq), headHash: String(head.hash), headEventId: String(head.eventId) };
}

function walk(items: StoredChainItem[], seal?: ShardSeal): { findings: VerifyFinding[]; walker: ChainWalk } {
  const walker = new ChainWalk(CHAIN, seal);
  for (const next of items) walker.accept(next);
  walker.finish();
  return { findings: walker.findings, walker };
}

describe('ChainWalk: one chain, checked record by record', () => {
  it('finds nothing in an untouched chain, sealed or not, and ends at its head', () => {
    const records = chain(4);
    for (const seal of [undefined, sealOf(records)]) {
      const { findings, walker } = walk(records.map((r) => item(r)), seal);
      expect(findings).toEqual([]);
      expect(walker.count).toBe(4);
      expect(walker.head).toEqual({ seq: 4, hash: records[3]?.hash, eventId: records[3]?.eventId });
    }
  });

  it('returns each record it accepts, and null for what is not one', () => {
    const [first] = chain(1);
    const walker = new ChainWalk(CHAIN, undefined);
    expect(walker.accept(item(first ?? {}))).toMatchObject({ seq: 1, eventId: 'aud_00000000000000000000000001' });
    const broken = rehash({ ...chain(2)[1], outcome: 'maybe' });
    expect(walker.accept(item(broken))).toBeNull();
    expect(walker.findings).toEqual([{ shard: 3, seq: 2, eventId: 'aud_00000000000000000000000002', problem: 'malformed', detail: 'its fields do not make an access record' }]);
  });

  it('names a changed record once, as altered, with the layout problems its change caused', () => {
    const records = chain(3);
    const changed = { ...records[1], complaintId: 'cmp_other' };
    const { findings } = walk([item(records[0] ?? {}), item(changed, ['index key names complaint cmp_2']), item(records[2] ?? {})], sealOf(records));
    expect(findings).toEqual([
      { shard: 3, seq: 2, eventId: 'aud_00000000000000000000000002', problem: 'altered', detail: 'its fields no longer match its hash: changed after it was written; index key names complaint cmp_2' },
    ]);
  });

  it('names the layout problems the store found and attributes a record never has (sorted; the hash does not cover them)', () => {
    const records = chain(2);
    const { findings } = walk([item(records[0] ?? {}, ['gsi key does not match', 'day index key missing']), item({ ...records[1], zeta: 1, alpha: 2 })]);
    expect(findings).toEqual([
      { shard: 3, seq: 1, eventId: 'aud_00000000000000000000000001', problem: 'layout', detail: 'gsi key does not match; day index key missing' },
      { shard: 3, seq: 2, eventId: 'aud_00000000000000000000000002', problem: 'layout', detail: 'attributes a record never has: alpha, zeta' },
    ]);
  });

  it('names a record copied into another slot as misplaced, by day, shard or seq', () => {
    const records = chain(2);
    for (const [field, value] of [
      ['day', '2026-04-02'],
      ['shard', 4],
    ] as const) {
      const moved = rehash({ ...records[0], [field]: value });
      const { findings } = walk([item({ ...moved, seq: 1 })]);
      expect(findings.map((f) => f.problem)).toContain('misplaced');
      expect(findings.find((f) => f.problem === 'misplaced')?.detail).toBe(
        `its fields name day ${String(moved.day)} shard ${String(moved.shard)} seq 1: copied or moved into this slot`,
      );
    }
    const wrongSeq = { seq: 1, fields: rehash({ ...records[0], seq: 7 }), layoutProblems: [] };
    expect(walk([wrongSeq]).findings).toContainEqual({
      shard: 3,
      seq: 1,
      eventId: 'aud_00000000000000000000000001',
      problem: 'misplaced',
      detail: 'its fields name day 2026-04-01 shard 3 seq 7: copied or moved into this slot',
    });
  });

  it('names the predecessor of a record that vouches for another hash: changed and re-hashed', () => {
    const records = chain(3);
    const forged = rehash({ ...records[1], complaintId: 'cmp_other' });
    const { findings } = walk([item(records[0] ?? {}), item(forged), item(records[2] ?? {})]);
    expect(findings).toEqual([
      { shard: 3, seq: 2, eventId: 'aud_00000000000000000000000002', problem: 'rehashed', detail: "seq 3 vouches for a different predecessor: seq 2 was changed and re-hashed (or seq 3's link was)" },
    ]);
  });

  it('names a record whose link names another predecessor event, even with the right hash', () => {
    const records = chain(2);
    const relinked = rehash({ ...records[1], prevEventId: 'aud_somebody_else' });
    expect(walk([item(records[0] ?? {}), item(relinked)]).findings.map((f) => [f.seq, f.problem])).toEqual([[1, 'rehashed']]);
  });

  it('names a seq 1 that does not open the chain', () => {
    const opener = rehash({ ...chain(1)[0], prevHash: 'f'.repeat(64) });
    expect(walk([item(opener)]).findings).toEqual([
      { shard: 3, seq: 1, eventId: 'aud_00000000000000000000000001', problem: 'rehashed', detail: 'seq 1 does not open the chain (its predecessor hash is not the chain genesis)' },
    ]);
  });

  it('names one deleted record by its seq and the event id its successor names', () => {
    const records = chain(3);
    expect(walk([item(records[0] ?? {}), item(records[2] ?? {})]).findings).toEqual([
      { shard: 3, seq: 2, seqTo: 2, eventId: 'aud_00000000000000000000000002', problem: 'missing', detail: 'record seq 2 was deleted; seq 3 names it as its predecessor' },
    ]);
  });

  it('names a deleted range, with the predecessor the next record names, or none', () => {
    const records = chain(5);
    expect(walk([item(records[0] ?? {}), item(records[4] ?? {})]).findings).toEqual([
      { shard: 3, seq: 2, seqTo: 4, eventId: 'aud_00000000000000000000000004', problem: 'missing', detail: 'records seq 2..4 were deleted; seq 5 names aud_00000000000000000000000004 predecessor' },
    ]);
    const { prevEventId: _gone, ...unnamed } = records[4] ?? {};
    const rehashed = rehash(unnamed);
    expect(walk([item(records[0] ?? {}), item(rehashed)]).findings).toEqual([
      { shard: 3, seq: 2, seqTo: 4, problem: 'missing', detail: 'records seq 2..4 were deleted; seq 5 names no predecessor' },
    ]);
  });

  it('names records written after the day was sealed', () => {
    const records = chain(3);
    const { findings } = walk(records.map((r) => item(r)), sealOf(records.slice(0, 2)));
    expect(findings).toEqual([
      { shard: 3, seq: 3, eventId: 'aud_00000000000000000000000003', problem: 'not-sealed', detail: "the day's digest sealed this chain at seq 2: written after sealing, or inserted" },
    ]);
  });

  it('names a sealed head that was changed and re-hashed, and nothing more when it was only changed', () => {
    const records = chain(2);
    const seal = sealOf(records);
    const forged = rehash({ ...records[1], complaintId: 'cmp_other' });
    expect(walk([item(records[0] ?? {}), item(forged)], seal).findings).toEqual([
      { shard: 3, seq: 2, eventId: 'aud_00000000000000000000000002', problem: 'rehashed', detail: "differs from the head the day's digest sealed: changed and re-hashed" },
    ]);
    const changed = { ...records[1], complaintId: 'cmp_other' };
    expect(walk([item(records[0] ?? {}), item(changed)], seal).findings.map((f) => f.problem)).toEqual(['altered']);
  });

  it('names a deleted sealed head from the digest, and a deleted range up to it', () => {
    const records = chain(4);
    expect(walk(records.slice(0, 3).map((r) => item(r)), sealOf(records)).findings).toEqual([
      { shard: 3, seq: 4, seqTo: 4, eventId: 'aud_00000000000000000000000004', problem: 'missing', detail: "record seq 4 was deleted; the day's digest sealed it as the chain's head" },
    ]);
    expect(walk(records.slice(0, 1).map((r) => item(r)), sealOf(records)).findings).toEqual([
      { shard: 3, seq: 2, seqTo: 4, problem: 'missing', detail: 'records seq 2..4 were deleted; the digest sealed aud_00000000000000000000000004 as seq 4' },
    ]);
    expect(walk([], sealOf(records)).findings).toEqual([
      { shard: 3, seq: 1, seqTo: 4, problem: 'missing', detail: 'records seq 1..4 were deleted; the digest sealed aud_00000000000000000000000004 as seq 4' },
    ]);
  });

  it('names a record whose link was changed without re-hashing once, as altered, not its predecessor as well', () => {
    const records = chain(2);
    const relinked = { ...records[1], prevHash: 'e'.repeat(64) };
    expect(walk([item(records[0] ?? {}), item(relinked)]).findings.map((f) => [f.seq, f.problem])).toEqual([[2, 'altered']]);
  });

  it('names a finding by its event id only when that is text', () => {
    const records = chain(1);
    const { findings } = walk([item({ ...records[0], eventId: 42 })]);
    expect(findings.map((f) => f.problem)).toEqual(['altered']);
    expect(findings[0]).not.toHaveProperty('eventId');
  });

  it('links an altered record by its stored hash, so its successor is not named too', () => {
    const records = chain(3);
    const changed = { ...records[1], complaintId: 'cmp_other' };
    const { findings, walker } = walk([item(records[0] ?? {}), item(changed), item(records[2] ?? {})]);
    expect(findings.map((f) => [f.seq, f.problem])).toEqual([[2, 'altered']]);
    expect(walker.head?.hash).toBe(records[2]?.hash);
  });

  it('links a record without a stored hash by the hash of its fields, and counts every record', () => {
    const records = chain(2);
    const { hash: _none, ...unhashed } = records[0] ?? {};
    const walker = new ChainWalk(CHAIN, undefined);
    walker.accept(item(unhashed));
    expect(walker.head).toEqual({ seq: 1, hash: recordHash(unhashed), eventId: 'aud_00000000000000000000000001' });
    const { eventId: _noId, ...anonymous } = records[1] ?? {};
    walker.accept(item(anonymous));
    expect(walker.count).toBe(2);
    expect(walker.head?.eventId).toBe('');
    expect(walker.findings.every((f) => f.eventId === undefined || f.eventId === 'aud_00000000000000000000000001')).toBe(true);
  });
});
