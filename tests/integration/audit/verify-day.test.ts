import { readFileSync } from 'node:fs';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPk, indexAttributes, seqSk } from '../../../functions/adapters/dynamodb/audit-keys.ts';
import { LocalFolderDigestStore } from '../../../functions/adapters/audit/local-folder-digest-store.ts';
import { auditEventIdFor, recordHash } from '../../../functions/core/audit/chain.ts';
import type { AccessRecord } from '../../../functions/core/audit/model.ts';
import { recordAccess } from '../../../functions/core/audit/record-access.ts';
import { sealDay } from '../../../functions/core/audit/seal-day.ts';
import { verifyDay } from '../../../functions/core/audit/verify-day.ts';
import { actor, citizen, complaint, reason, request, startAuditHarness, type AuditHarness } from './harness.ts';

let days = 0;

/** A fresh KST day with `count` records on two chains, sealed; each test tampers with its own day. */
async function sealedDay(h: AuditHarness, count = 12): Promise<{ day: string; records: AccessRecord[] }> {
  days += 1;
  const day = `2026-04-${String(days).padStart(2, '0')}`;
  h.clock.set(`${day}T02:00:00.000Z`);
  const deps = { ...h.deps, shards: 2 };
  const records: AccessRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    h.clock.advance(1_000);
    records.push(await recordAccess(deps, actor(i % 3 === 0 ? 'kim' : 'lee'), request(h.clock), { action: 'complaint.read', complaintId: complaint(i + 1), citizenKeyHash: citizen(i + 1) }));
  }
  h.clock.set(`${day}T23:30:00.000Z`);
  const sealed = await sealDay(h.deps, day);
  expect(sealed.write).toBe('written');
  return { day, records };
}

/** The chain's records of one shard, in seq order. */
function chainOf(records: AccessRecord[], shard: number): AccessRecord[] {
  return records.filter((record) => record.shard === shard).sort((a, b) => a.seq - b.seq);
}

/** A record in the middle of the longer chain (it has a predecessor and a successor). */
function middleRecord(records: AccessRecord[]): AccessRecord {
  const chain = chainOf(records, 0).length >= chainOf(records, 1).length ? chainOf(records, 0) : chainOf(records, 1);
  const middle = chain[Math.floor(chain.length / 2)];
  if (!middle || chain.length < 3) throw new Error('test day needs a chain of at least 3 records');
  return middle;
}

function headRecord(records: AccessRecord[], shard: number): AccessRecord {
  const head = chainOf(records, shard).at(-1);
  if (!head) throw new Error(`no records on shard ${shard}`);
  return head;
}

function keyOf(record: Pick<AccessRecord, 'day' | 'shard' | 'seq'>) {
  return { pk: chainPk(record), sk: seqSk(record.seq) };
}

describe('verifyDay: recompute a KST day from its records and compare with its digest', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('reports a sealed, untouched day as matching its digest, with every chain head', async () => {
    const { day, records } = await sealedDay(h);
    const report = await verifyDay(h.deps, day);
    expect(report).toMatchObject({ day, ok: true, digest: 'matched', records: 12, findings: [] });
    expect(report.chains).toEqual(
      [0, 1].map((shard) => {
        const head = headRecord(records, shard);
        return { shard, count: head.seq, headSeq: head.seq, headHash: head.hash, sealed: { count: head.seq, headSeq: head.seq, headHash: head.hash } };
      }),
    );
  });

  it.each([
    ['actorUsername', 'someone-else'],
    ['complaintId', 'cmp_bbbbbbbbbbbbbbbbbbbbbbbb'],
    ['outcome', 'refused'],
    ['at', '2026-01-01T00:00:00.000Z'],
  ])('names exactly the record whose %s was changed in the store', async (field, value) => {
    const { day, records } = await sealedDay(h);
    const target = middleRecord(records);
    await h.documents.send(new UpdateCommand({ TableName: h.tableName, Key: keyOf(target), UpdateExpression: 'SET #f = :v', ExpressionAttributeNames: { '#f': field }, ExpressionAttributeValues: { ':v': value } }));
    const report = await verifyDay(h.deps, day);
    expect(report.ok).toBe(false);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ shard: target.shard, seq: target.seq, eventId: target.eventId, problem: 'altered' });
  });

  it('names the record that was changed and re-hashed, through its successor', async () => {
    const { day, records } = await sealedDay(h);
    const target = middleRecord(records);
    const { Item } = await h.documents.send(new GetCommand({ TableName: h.tableName, Key: keyOf(target) }));
    const forged = { ...(Item as AccessRecord), reason: 'routine check' };
    await h.documents.send(new PutCommand({ TableName: h.tableName, Item: { ...forged, hash: recordHash(forged) } }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ shard: target.shard, seq: target.seq, eventId: target.eventId, problem: 'rehashed' })]);
  });

  it('names the sealed head when it was changed and re-hashed (no successor to vouch for it)', async () => {
    const { day, records } = await sealedDay(h);
    const head = headRecord(records, 1);
    const { Item } = await h.documents.send(new GetCommand({ TableName: h.tableName, Key: keyOf(head) }));
    const forged = { ...(Item as AccessRecord), sourceIp: '198.51.100.1' };
    await h.documents.send(new PutCommand({ TableName: h.tableName, Item: { ...forged, hash: recordHash(forged) } }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ shard: 1, seq: head.seq, eventId: head.eventId, problem: 'rehashed' })]);
  });

  it('names a record deleted from the middle of a chain by its seq and event id', async () => {
    const { day, records } = await sealedDay(h);
    const target = middleRecord(records);
    await h.documents.send(new DeleteCommand({ TableName: h.tableName, Key: keyOf(target) }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ shard: target.shard, seq: target.seq, seqTo: target.seq, eventId: target.eventId, problem: 'missing' })]);
  });

  it('names a deleted chain head from the digest', async () => {
    const { day, records } = await sealedDay(h);
    const head = headRecord(records, 0);
    await h.documents.send(new DeleteCommand({ TableName: h.tableName, Key: keyOf(head) }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ shard: 0, seq: head.seq, seqTo: head.seq, eventId: head.eventId, problem: 'missing' })]);
  });

  it('names a well-formed record inserted after the sealed head', async () => {
    const { day, records } = await sealedDay(h);
    const head = headRecord(records, 1);
    const unsealed = {
      ...head,
      eventId: auditEventIdFor({ requestId: 'forged-request', action: 'complaint.read', outcome: 'allowed' }),
      requestId: 'forged-request',
      seq: head.seq + 1,
      prevHash: head.hash,
      prevEventId: head.eventId,
    };
    const inserted = { ...unsealed, hash: recordHash(unsealed) };
    await h.documents.send(new PutCommand({ TableName: h.tableName, Item: { ...keyOf(inserted), type: 'access-record', ...inserted, ...indexAttributes(inserted) } }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ shard: 1, seq: inserted.seq, eventId: inserted.eventId, problem: 'not-sealed' })]);
  });

  it('names a record inserted beside the chains, visible in the day listing only', async () => {
    const { day, records } = await sealedDay(h);
    const template = records[0] as AccessRecord;
    const eventId = auditEventIdFor({ requestId: 'forged-beside', action: 'complaint.read', outcome: 'allowed' });
    const stray = { ...template, eventId, shard: 70 };
    await h.documents.send(new PutCommand({ TableName: h.tableName, Item: { pk: `CHAIN#${day}#70`, sk: seqSk(1), type: 'access-record', ...stray, ...indexAttributes(stray) } }));
    const report = await verifyDay(h.deps, day);
    expect(report.findings).toEqual([expect.objectContaining({ eventId, problem: 'outside-chain' })]);
  });

  it('checks the chains of a day that has no digest yet and says the digest is missing', async () => {
    h.clock.set('2026-05-20T03:00:00.000Z');
    await recordAccess(h.deps, actor('kim'), request(h.clock), { action: 'citizen.unmask', citizenKeyHash: citizen(1), reason: reason('callback requested') });
    const report = await verifyDay(h.deps, '2026-05-20');
    expect(report).toMatchObject({ ok: false, digest: 'missing', records: 1, findings: [] });
  });

  it('keeps the first digest when the day is sealed again: identical if nothing changed, a conflict once a record was deleted', async () => {
    const { day, records } = await sealedDay(h);
    const digests = h.deps.digests as LocalFolderDigestStore;
    const first = readFileSync(digests.pathFor(day), 'utf8');
    h.clock.advance(60_000);
    expect((await sealDay(h.deps, day)).write).toBe('already-identical');
    await h.documents.send(new DeleteCommand({ TableName: h.tableName, Key: keyOf(headRecord(records, 0)) }));
    const again = await sealDay(h.deps, day);
    expect(again.write).toBe('conflict');
    expect(readFileSync(digests.pathFor(day), 'utf8')).toBe(first);
  });

  it('refuses to seal a day that is not over (KST)', async () => {
    h.clock.set('2026-06-01T14:59:00.000Z');
    await expect(sealDay(h.deps, '2026-06-01')).rejects.toThrow(/not over yet/);
    h.clock.set('2026-06-01T15:00:00.000Z');
    await expect(sealDay(h.deps, '2026-06-01')).resolves.toMatchObject({ day: '2026-06-01', write: 'written' });
  });
});
