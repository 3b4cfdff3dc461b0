import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidAuditQueryError } from '../../../functions/core/audit/errors.ts';
import { listAccessRecords, type AccessRecordView } from '../../../functions/core/audit/list-records.ts';
import type { AccessEvent, AccessRecord, AuditActor } from '../../../functions/core/audit/model.ts';
import { monthlyReview } from '../../../functions/core/audit/monthly-review.ts';
import { recordAccess, recordRefusal } from '../../../functions/core/audit/record-access.ts';
import { sealDay } from '../../../functions/core/audit/seal-day.ts';
import { actor, citizen, complaint, reason, request, startAuditHarness, type AuditHarness } from './harness.ts';

/** KST wall-clock time of a July 2026 day as a UTC instant. */
function kst(day: number, hour: number, minute = 0): string {
  return new Date(Date.UTC(2026, 6, day, hour - 9, minute)).toISOString();
}

describe('listing access records and the monthly review (embedded DynamoDB)', () => {
  let h: AuditHarness;
  const written: AccessRecord[] = [];
  const counselors = ['c1', 'c2', 'c3'].map((name) => actor(name));
  const heavy = actor('c4');
  const supervisor = actor('s1', 'supervisor');
  const auditor = actor('a1', 'auditor');

  async function at(instant: string, who: AuditActor, event: AccessEvent): Promise<void> {
    h.clock.set(instant);
    written.push(await recordAccess(h.deps, who, request(h.clock), event));
  }

  beforeAll(async () => {
    h = await startAuditHarness();
    // Thursday 2 July: three counselors read five citizens each during working hours.
    for (const [n, who] of counselors.entries()) {
      for (let i = 0; i < 5; i += 1) await at(kst(2, 10 + n, i), who, { action: 'complaint.read', complaintId: complaint(100 + i), citizenKeyHash: citizen(i + 1) });
    }
    // c4 reads 40 distinct citizens over Thursday and Friday, ten of them after 18:00.
    for (let i = 0; i < 40; i += 1) await at(kst(i < 20 ? 2 : 3, i % 4 === 0 ? 19 : 14, i), heavy, { action: 'citizen.history.read', citizenKeyHash: citizen(50 + i) });
    // Friday 3 July 22:00: the supervisor unmasks (a number typed into the reason), exports, downloads statistics.
    await at(kst(3, 22), supervisor, { action: 'citizen.unmask', complaintId: complaint(101), citizenKeyHash: citizen(2), reason: reason('citizen asked for a callback at 010-1234-5678') });
    await at(kst(3, 22, 5), supervisor, { action: 'export', resultCount: 120 });
    await at(kst(3, 22, 6), supervisor, { action: 'statistics.download' });
    // Three edits at the very first millisecond of Friday (KST), same instant.
    for (let i = 0; i < 3; i += 1) await at(kst(3, 0), actor('m1', 'supervisor'), { action: 'knowledge.edit' });
    // Saturday 4 July: the auditor is refused ten times, then lists records.
    for (let i = 0; i < 10; i += 1) {
      h.clock.set(kst(4, 11, i));
      written.push(await recordRefusal(h.deps, auditor, request(h.clock), { action: 'reply.send', refusal: 'forbidden', complaintId: complaint(101) }));
    }
    await at(kst(4, 11, 30), auditor, { action: 'audit.read', resultCount: 50 });
    // Thursday and Friday are sealed (summaries written); Saturday is today.
    h.clock.set(kst(4, 12));
    await sealDay(h.deps, '2026-07-02');
    await sealDay(h.deps, '2026-07-03');
  });
  afterAll(async () => {
    await h.close();
  });

  const newestFirst = () => [...written].sort((a, b) => `${b.at}#${b.eventId}`.localeCompare(`${a.at}#${a.eventId}`));

  it('pages through every record newest first, across KST days, each exactly once', async () => {
    const seen: AccessRecordView[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAccessRecords(h.deps, { from: '2026-07-01', to: '2026-07-04', limit: '7', ...(cursor ? { cursor } : {}) });
      expect(page.records.length).toBeLessThanOrEqual(7);
      seen.push(...page.records);
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen.map((record) => record.eventId)).toEqual(newestFirst().map((record) => record.eventId));
  });

  it('resumes a page that ended among records of the same instant at KST midnight', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listAccessRecords(h.deps, { from: kst(3, 0), to: kst(3, 0), limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...result.records.map((record) => record.eventId));
      cursor = result.cursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('answers who touched one complaint and when, refused attempts included', async () => {
    const { records } = await listAccessRecords(h.deps, { complaintId: complaint(101), limit: '100' });
    const expected = newestFirst().filter((record) => record.complaintId === complaint(101));
    expect(records.map((record) => [record.actor.username, record.action, record.outcome])).toEqual(expected.map((record) => [record.actorUsername, record.action, record.outcome]));
    expect(records.filter((record) => record.outcome === 'refused')).toHaveLength(10);
  });

  it('combines filters: one actor and one action in a KST day range', async () => {
    const { records } = await listAccessRecords(h.deps, { actor: 'c4', action: 'citizen.history.read', from: '2026-07-03', to: '2026-07-03', limit: '100' });
    expect(records).toHaveLength(20);
    expect(records.every((record) => record.actor.username === 'c4' && record.at >= kst(3, 0) && record.at < kst(4, 0))).toBe(true);
  });

  it('lists every unmask with its reason, the number in it masked', async () => {
    const { records } = await listAccessRecords(h.deps, { action: 'citizen.unmask' });
    expect(records).toEqual([expect.objectContaining({ actor: { subject: 'sub-s1', username: 's1' }, role: 'supervisor', reason: 'citizen asked for a callback at 010-****-5678' })]);
  });

  it('takes instants as inclusive bounds', async () => {
    const { records } = await listAccessRecords(h.deps, { from: kst(3, 22), to: kst(3, 22, 5) });
    expect(records.map((record) => record.action)).toEqual(['export', 'citizen.unmask']);
  });

  it.each([
    [{ colour: 'red' }, /colour/],
    [{ action: 'complaint.delete' }, /action/],
    [{ complaintId: '20260702-7K3QZ-M8D1X' }, /complaintId/],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, /cursor/],
    [{ from: '2026-07-04', to: '2026-07-02' }, /from/],
    [{ limit: '1000' }, /limit/],
  ])('refuses the query %j with a clear reason', async (query, reason) => {
    const refusal = listAccessRecords(h.deps, query);
    await expect(refusal).rejects.toBeInstanceOf(InvalidAuditQueryError);
    await expect(refusal).rejects.toThrow(reason);
  });

  it('reviews the month: sealed days from summaries, today from the records, per actor with flags', async () => {
    const review = await monthlyReview(h.deps, '2026-07');
    expect(review.days).toEqual({ summarized: ['2026-07-02', '2026-07-03'], computed: ['2026-07-01', '2026-07-04'] });
    const byName = Object.fromEntries(review.actors.map((entry) => [entry.username, entry]));
    expect(byName.c1).toMatchObject({ role: 'counselor', records: 5, distinctCitizens: 5, outsideWorkingHours: 0, flags: [] });
    expect(byName.c4).toMatchObject({ role: 'counselor', records: 40, distinctCitizens: 40, outsideWorkingHours: 10 });
    expect(byName.c4?.flags).toEqual([expect.objectContaining({ rule: 'many-citizens' })]);
    expect(review.medians.counselor).toBe(5);
    expect(byName.s1).toMatchObject({ role: 'supervisor', records: 3, exports: 1, statisticsDownloads: 1, outsideWorkingHours: 3, flags: [] });
    expect(byName.s1?.unmasks).toEqual([expect.objectContaining({ reason: 'citizen asked for a callback at 010-****-5678', complaintId: complaint(101) })]);
    // Saturday: every access is outside working hours.
    expect(byName.a1).toMatchObject({ role: 'auditor', records: 11, refused: 10, outsideWorkingHours: 11 });
    expect(byName.a1?.flags).toEqual([expect.objectContaining({ rule: 'repeated-refusals' })]);
    expect(review.actors[0]?.flags.length).toBeGreaterThan(0);
  });

  it('gives the same review whether a day comes from its summaries or from its records', async () => {
    const fromSummaries = await monthlyReview(h.deps, '2026-07');
    const unsealed = { ...h.deps, store: Object.assign(Object.create(h.deps.store), { monthSummaries: async () => ({ completeDays: [], summaries: [] }) }) };
    const fromRecords = await monthlyReview(unsealed, '2026-07');
    expect(fromRecords.actors).toEqual(fromSummaries.actors);
    expect(fromRecords.days.computed).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04']);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(monthlyReview(h.deps, '2026-7')).rejects.toBeInstanceOf(InvalidAuditQueryError);
  });
});
