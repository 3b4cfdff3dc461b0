import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOverdueComplaints } from '../../../functions/adapters/dynamodb/overdue-complaints.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { changePetitionType } from '../../../functions/core/deadlines/change-petition-type.ts';
import { DeadlineChangeRefusedError } from '../../../functions/core/deadlines/errors.ts';
import { extendDeadline } from '../../../functions/core/deadlines/extend-deadline.ts';
import { listOverdue, measureOverdue } from '../../../functions/core/deadlines/list-overdue.ts';
import { workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from '../../../lib/config/public-holidays.ts';
import { crashingRepository, intakeDeps, SimulatedCrash, smsMessage, startHarness, uniquePhone, type Harness } from '../intake/harness.ts';

const calendar = workingCalendar(KOREAN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date));
const kst = (local: string): string => new Date(`${local}+09:00`).toISOString();

function deps(harness: Harness) {
  const base = intakeDeps(harness, { policy: { calendar } });
  return { ...base, calendar, overdue: new DynamoOverdueComplaints(DynamoDBDocumentClient.from(harness.table.client), harness.table.tableName) };
}

type Deps = ReturnType<typeof deps>;

async function newComplaint(d: Deps, receivedAt: string): Promise<string> {
  const intake = await ingestMessage(d, smsMessage({ citizenHandle: uniquePhone(), receivedAt }));
  return intake.complaintId;
}

/** A table of its own per describe: the overdue index is one partition for the whole table. */
function freshTable(): { harness: Harness; d: Deps } {
  const t = {} as { harness: Harness; d: Deps };
  beforeAll(async () => {
    t.harness = await startHarness();
    t.d = deps(t.harness);
  });
  afterAll(async () => t.harness.close());
  return t;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DeadlineChangeRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.refusal;
}

describe('petition types and deadlines on the complaint table', () => {
  const t = freshTable();

  it('founds a complaint as a procedure inquiry due at close of business on its 7th working day, Seollal left out', async () => {
    const id = await newComplaint(t.d, kst('2026-02-13T15:00:00'));
    expect(await t.harness.repository.getComplaint(id)).toMatchObject({ petitionType: 'inquiry-procedure', dueAt: kst('2026-02-26T18:00:00') });
  });

  it('recomputes the due time when the type changes, records it in the history, and does it once', async () => {
    const id = await newComplaint(t.d, kst('2026-03-09T10:00:00'));
    const changed = await changePetitionType(t.d, { complaintId: id, petitionType: 'inquiry-law', actor: 'counselor:kim', reason: '조례 해석 요청' });
    expect(changed.changed).toBe(true);
    expect(changed.complaint).toMatchObject({ petitionType: 'inquiry-law', dueAt: kst('2026-03-26T18:00:00'), status: 'received' });
    expect(await t.harness.repository.getComplaint(id)).toMatchObject({ petitionType: 'inquiry-law', dueAt: kst('2026-03-26T18:00:00'), statusVersion: 2 });
    const history = (await t.harness.repository.getComplaintDetail(id))?.statusEvents ?? [];
    expect(history.at(-1)).toMatchObject({
      from: 'received',
      to: 'received',
      actor: 'counselor:kim',
      reason: '조례 해석 요청',
      deadline: { kind: 'petition-type-changed', petitionType: 'inquiry-law', previousPetitionType: 'inquiry-procedure', dueAt: kst('2026-03-26T18:00:00'), previousDueAt: kst('2026-03-17T18:00:00') },
    });

    const again = await changePetitionType(t.d, { complaintId: id, petitionType: 'inquiry-law', actor: 'counselor:kim' });
    expect(again.changed).toBe(false);
    expect((await t.harness.repository.getComplaintDetail(id))?.statusEvents).toHaveLength(2);

    const immediate = await changePetitionType(t.d, { complaintId: id, petitionType: 'immediate', actor: 'counselor:lee' });
    expect(immediate.complaint.dueAt).toBe(kst('2026-03-09T14:00:00'));
    expect(immediate.event?.reason).toBe('질의민원(법령 해석) → 즉시처리민원');
  });

  it('completes a type change that crashed between its history entry and the complaint update when the request is retried', async () => {
    const id = await newComplaint(t.d, kst('2026-03-09T10:00:00'));
    const crashing = { ...t.d, repository: crashingRepository(t.harness.repository, 1, 'after') };
    await expect(changePetitionType(crashing, { complaintId: id, petitionType: 'suggestion', actor: 'counselor:kim' })).rejects.toThrow(SimulatedCrash);
    expect(await t.harness.repository.getComplaint(id)).toMatchObject({ petitionType: 'inquiry-procedure', statusVersion: 1 });

    const retried = await changePetitionType(t.d, { complaintId: id, petitionType: 'suggestion', actor: 'counselor:kim' });
    expect(retried.changed).toBe(false);
    expect(await t.harness.repository.getComplaint(id)).toMatchObject({ petitionType: 'suggestion', dueAt: kst('2026-03-26T18:00:00'), statusVersion: 2 });
    expect((await t.harness.repository.getComplaintDetail(id))?.statusEvents).toHaveLength(2);
  });

  it('extends an open deadline once for a reason, a second time only with consent, and tells the citizen each time', async () => {
    const id = await newComplaint(t.d, kst('2026-03-09T10:00:00'));
    t.d.clock.set(kst('2026-03-16T10:00:00'));
    t.d.events.events.length = 0;
    await expect(extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '  ', extensionNumber: 1 })).rejects.toThrow(RangeError);
    expect(await refusal(extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '현장 확인', extensionNumber: 1, amount: 8 }))).toBe('extension-too-long');

    const first = await extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '관계 기관 협조가 필요합니다', extensionNumber: 1 });
    expect(first.complaint).toMatchObject({ dueAt: kst('2026-03-17T18:00:00'), extendedDueAt: kst('2026-03-26T18:00:00') });
    expect(first.complaint.deadlineExtension).toEqual({ count: 1, reason: '관계 기관 협조가 필요합니다', actor: 'counselor:kim', at: kst('2026-03-16T10:00:00'), citizenConsent: false });
    expect(await t.harness.repository.getComplaint(id)).toMatchObject({ extendedDueAt: kst('2026-03-26T18:00:00'), deadlineExtension: { count: 1 } });
    expect(first.event).toMatchObject({ from: 'received', to: 'received', reason: '관계 기관 협조가 필요합니다', deadline: { kind: 'deadline-extended', previousDueAt: kst('2026-03-17T18:00:00') } });

    // A retried request changes nothing but announces again (at least once).
    const retried = await extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '관계 기관 협조가 필요합니다', extensionNumber: 1 });
    expect(retried.changed).toBe(false);
    expect(t.d.events.events).toEqual([
      {
        type: 'complaint.deadline_extended',
        complaintId: id,
        receiptNo: first.complaint.receiptNo,
        channel: 'sms',
        language: first.complaint.language,
        petitionType: 'inquiry-procedure',
        extensionNumber: 1,
        dueAt: kst('2026-03-26T18:00:00'),
        reason: '관계 기관 협조가 필요합니다',
        at: kst('2026-03-16T10:00:00'),
      },
    ].flatMap((event) => [event, event]));
    expect(await refusal(extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '다른 사유', extensionNumber: 1 }))).toBe('extension-conflict');
    expect(await refusal(changePetitionType(t.d, { complaintId: id, petitionType: 'suggestion', actor: 'counselor:kim' }))).toBe('type-locked');

    expect(await refusal(extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '현장 확인 지연', extensionNumber: 2 }))).toBe('consent-required');
    const second = await extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '현장 확인 지연', extensionNumber: 2, amount: 2, citizenConsent: true });
    expect(second.complaint).toMatchObject({ extendedDueAt: kst('2026-03-30T18:00:00'), deadlineExtension: { count: 2, citizenConsent: true } });
    await expect(extendDeadline(t.d, { complaintId: id, actor: 'counselor:kim', reason: '또', extensionNumber: 3, citizenConsent: true })).rejects.toThrow(RangeError);
    expect((await t.harness.repository.getComplaintDetail(id))?.statusEvents.map((e) => e.deadline?.kind ?? e.to)).toEqual(['received', 'deadline-extended', 'deadline-extended']);
  });

  it('refuses to extend a deadline already missed, or a closed complaint\'s', async () => {
    const late = await newComplaint(t.d, kst('2026-03-09T10:00:00'));
    t.d.clock.set(kst('2026-03-17T18:00:01'));
    expect(await refusal(extendDeadline(t.d, { complaintId: late, actor: 'counselor:kim', reason: '사유', extensionNumber: 1 }))).toBe('deadline-passed');

    const closed = await newComplaint(t.d, kst('2026-03-16T10:00:00'));
    await changeStatus(t.d, { complaintId: closed, to: 'closed', actor: 'counselor:kim', reason: '처리 완료' });
    expect(await refusal(extendDeadline(t.d, { complaintId: closed, actor: 'counselor:kim', reason: '사유', extensionNumber: 1 }))).toBe('not-open');
  });
});

describe('the overdue list', () => {
  const t = freshTable();

  it('lists open complaints past their due time, earliest due first, in pages, and counts them', async () => {
    const earliest = await newComplaint(t.d, kst('2026-03-02T10:00:00')); // due Wed 11 March (3·1절 substitute on the 2nd)
    const answered = await newComplaint(t.d, kst('2026-03-03T10:00:00'));
    const closed = await newComplaint(t.d, kst('2026-03-03T11:00:00'));
    const reopened = await newComplaint(t.d, kst('2026-03-04T10:00:00')); // due Thu 12 March
    const extended = await newComplaint(t.d, kst('2026-03-04T11:00:00'));
    const notYet = await newComplaint(t.d, kst('2026-03-10T10:00:00')); // due Wed 18 March
    await changeStatus(t.d, { complaintId: answered, to: 'answered', actor: 'counselor:kim', reason: '답변' });
    await changeStatus(t.d, { complaintId: closed, to: 'closed', actor: 'counselor:kim', reason: '종결' });
    await changeStatus(t.d, { complaintId: reopened, to: 'answered', actor: 'counselor:kim', reason: '답변' });
    await changeStatus(t.d, { complaintId: reopened, to: 'in_progress', actor: 'citizen', reason: 'the citizen wrote again after the answer' });
    t.d.clock.set(kst('2026-03-10T10:00:00'));
    await extendDeadline(t.d, { complaintId: extended, actor: 'counselor:kim', reason: '현장 확인', extensionNumber: 1 });

    const now = kst('2026-03-16T09:00:00');
    const first = await listOverdue(t.d, { now, limit: 1 });
    expect(first.items.map((entry) => [entry.complaint.complaintId, entry.dueAt])).toEqual([[earliest, kst('2026-03-11T18:00:00')]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await listOverdue(t.d, { now, limit: 10, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) });
    expect(rest.items.map((entry) => entry.complaint.complaintId)).toEqual([reopened]);
    expect(rest.nextCursor).toBeUndefined();
    expect([earliest, reopened]).not.toContain(notYet);

    t.d.clock.set(now);
    expect(await measureOverdue(t.d)).toEqual({ at: now, overdue: 2, uncoveredYears: [] });
    // At its due instant a complaint is not overdue yet; a moment later it is.
    expect((await listOverdue(t.d, { now: kst('2026-03-18T18:00:00'), limit: 10 })).items.map((e) => e.complaint.complaintId)).not.toContain(notYet);
    expect((await listOverdue(t.d, { now: kst('2026-03-18T18:00:01'), limit: 10 })).items.map((e) => e.complaint.complaintId)).toContain(notYet);
    expect((await listOverdue(t.d, { now: kst('2026-03-18T18:00:01'), limit: 10 })).items.map((e) => e.complaint.complaintId)).not.toContain(extended);
  });

  it('refuses a page size it does not serve', async () => {
    await expect(listOverdue(t.d, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(listOverdue(t.d, { limit: 101 })).rejects.toThrow(/limit/);
  });
});
