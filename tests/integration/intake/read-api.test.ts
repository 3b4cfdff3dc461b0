import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { InvalidQueryError } from '../../../functions/core/errors.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint, listComplaints } from '../../../functions/core/queries.ts';
import { intakeDeps, smsMessage, startHarness, type Harness } from './harness.ts';

/** Complaints at known instants: KST day 2026-03-02 runs from 2026-03-01T15:00Z to 2026-03-02T15:00Z. */
const SEEDED = [
  { at: '2026-03-01T14:30:00.000Z', channel: 'sms' }, // KST 2026-03-01 23:30
  { at: '2026-03-01T15:30:00.000Z', channel: 'sms' }, // KST 2026-03-02 00:30
  { at: '2026-03-02T01:00:00.000Z', channel: 'voice' },
  { at: '2026-03-02T02:00:00.000Z', channel: 'sms' },
  { at: '2026-03-02T03:00:00.000Z', channel: 'chat' },
  { at: '2026-03-02T04:00:00.000Z', channel: 'sms' },
  { at: '2026-03-02T05:00:00.000Z', channel: 'sms' },
  { at: '2026-03-03T01:00:00.000Z', channel: 'sms' },
] as const;

describe('read API views', () => {
  let harness: Harness;
  const ids: string[] = [];
  beforeAll(async () => {
    harness = await startHarness();
    const deps = intakeDeps(harness);
    for (const [i, seed] of SEEDED.entries()) {
      const provider = seed.channel === 'sms' ? 'twilio' : seed.channel === 'voice' ? 'amazon-connect' : 'websocket';
      const handleKind = seed.channel === 'chat' ? 'chat-account' : 'phone';
      const handle = handleKind === 'phone' ? `010-5555-${String(1000 + i)}` : `chat-account-${i}`;
      const outcome = await ingestMessage(
        deps,
        smsMessage({ channel: seed.channel, provider, citizenHandle: handle, citizenHandleKind: handleKind, receivedAt: seed.at, text: `민원 ${i}` }),
      );
      ids.push(outcome.complaintId);
    }
    await changeStatus(deps, { complaintId: ids[3]!, to: 'in_progress', actor: 'counselor:lee', reason: 'picked up' });
    await changeStatus(deps, { complaintId: ids[5]!, to: 'closed', actor: 'counselor:lee', reason: 'duplicate of another complaint' });
  });
  afterAll(async () => harness.close());

  it('lists complaints newest first, page by page, without repeating or skipping any', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listComplaints(harness, { limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.complaintId));
      cursor = page.nextCursor;
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(3);
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);
  });

  it('lists one channel over a KST day range, across days, with pagination', async () => {
    const first = await listComplaints(harness, { channel: 'sms', from: '2026-03-02', to: '2026-03-03', limit: '2' });
    const second = await listComplaints(harness, { channel: 'sms', from: '2026-03-02', to: '2026-03-03', limit: '2', cursor: first.nextCursor });
    const third = await listComplaints(harness, { channel: 'sms', from: '2026-03-02', to: '2026-03-03', limit: '2', cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((c) => c.complaintId)).toEqual([ids[7], ids[6], ids[5], ids[3], ids[1]]);
    expect(third.nextCursor).toBeUndefined();
    expect(third.items.at(-1)?.createdDayKst).toBe('2026-03-02');
  });

  it('lists one channel over an unbounded or very long range from the status index, still in order', async () => {
    const unbounded = await listComplaints(harness, { channel: 'sms', limit: '4' });
    const rest = await listComplaints(harness, { channel: 'sms', limit: '4', cursor: unbounded.nextCursor });
    const smsIds = ids.filter((_, i) => SEEDED[i]?.channel === 'sms').reverse();
    expect([...unbounded.items, ...rest.items].map((c) => c.complaintId)).toEqual(smsIds);
    const longRange = await listComplaints(harness, { channel: 'sms', from: '2025-01-01', to: '2026-12-31', limit: '100' });
    expect(longRange.items.map((c) => c.complaintId)).toEqual(smsIds);
  });

  it('pages oldest first across all statuses', async () => {
    const first = await listComplaints(harness, { order: 'oldest', limit: '5' });
    const second = await listComplaints(harness, { order: 'oldest', limit: '5', cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((c) => c.complaintId)).toEqual(ids);
    expect(second.nextCursor).toBeUndefined();
  });

  it('lists the open queue by status, oldest first on request', async () => {
    const received = await listComplaints(harness, { status: 'received', order: 'oldest', limit: '100' });
    expect(received.items.map((c) => c.complaintId)).toEqual(ids.filter((_, i) => i !== 3 && i !== 5));
    const inProgress = await listComplaints(harness, { status: 'in_progress' });
    expect(inProgress.items.map((c) => c.complaintId)).toEqual([ids[3]]);
    const smsReceived = await listComplaints(harness, { status: 'received', channel: 'sms', limit: '100' });
    expect(smsReceived.items.every((c) => c.channel === 'sms' && c.status === 'received')).toBe(true);
    expect(smsReceived.items).toHaveLength(4);
  });

  it('filters by instants as well as days', async () => {
    const page = await listComplaints(harness, { from: '2026-03-02T10:00:00+09:00', to: '2026-03-02T12:00:00+09:00' });
    expect(page.items.map((c) => c.complaintId)).toEqual([ids[4], ids[3], ids[2]]);
  });

  it.each([
    [{ channel: 'fax' }, 'channel'],
    [{ status: 'lost' }, 'status'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '2026-03-05', to: '2026-03-01' }, 'from'],
    [{ limit: '0' }, 'limit'],
    [{ cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
    [{ stauts: 'received' }, 'stauts'],
  ])('refuses the filter %j naming %s', async (filter, field) => {
    const attempt = listComplaints(harness, filter as Record<string, string>);
    await expect(attempt).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(attempt).rejects.toThrow(field);
  });

  it('treats empty query parameters as absent', async () => {
    const page = await listComplaints(harness, { channel: '', status: '', limit: '100' });
    expect(page.items).toHaveLength(SEEDED.length);
  });

  it('shows a complaint with its messages and status history, the phone masked and resident numbers hidden', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(
      deps,
      smsMessage({ citizenHandle: '010-4321-8765', text: '제 주민번호는 900101-1234567 이고 연락처는 010-4321-8765 입니다', receivedAt: '2026-03-04T01:00:00.000Z' }),
    );
    await changeStatus(deps, { complaintId: outcome.complaintId, to: 'in_progress', actor: 'counselor:park', reason: 'calling back' });
    const detail = await getComplaint(harness, outcome.complaintId);

    expect(detail?.citizen).not.toContain('4321');
    expect(detail?.citizen).toMatch(/8765$/);
    expect(detail?.messages[0]?.text).not.toContain('1234567');
    expect(detail?.messages[0]?.text).toContain('900101-');
    expect(detail?.statusHistory.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, 'received', 'system'],
      ['received', 'in_progress', 'counselor:park'],
    ]);
    const serialised = JSON.stringify(detail);
    expect(serialised).not.toContain('+821043218765');
    expect(serialised).not.toContain('sealed');
    expect(serialised).not.toContain('hash');
    expect(await getComplaint(harness, detail!.receiptNo)).toEqual(detail);
  });

  it('answers null for an unknown complaint id or receipt number', async () => {
    expect(await getComplaint(harness, 'cmp_0000000000000000000000zz')).toBeNull();
    expect(await getComplaint(harness, '20260302-AAAAA-BBBBB')).toBeNull();
    expect(await getComplaint(harness, 'not an id')).toBeNull();
  });
});
