import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignComplaint } from '../../../functions/core/assign-complaint.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { changePetitionType } from '../../../functions/core/deadlines/change-petition-type.ts';
import { workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { InvalidQueryError } from '../../../functions/core/errors.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { getComplaint, listComplaints } from '../../../functions/core/queries.ts';
import { searchComplaints } from '../../../functions/core/search-complaints.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from '../../../lib/config/public-holidays.ts';
import { crashingRepository, intakeDeps, SimulatedCrash, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

const calendar = workingCalendar(KOREAN_PUBLIC_HOLIDAYS.map((holiday) => holiday.date));
const kst = (local: string): string => new Date(`${local}+09:00`).toISOString();

describe('the counselor queue: open complaints by due time, filtered', () => {
  let harness: Harness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // A table of its own: the open-by-due index is one partition for the whole table.
    harness = await startHarness();
    const deps = intakeDeps(harness, { policy: { calendar } });
    const seed = async (name: string, receivedAt: string, text: string, channel: 'sms' | 'voice' = 'sms') => {
      const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), receivedAt: kst(receivedAt), text, channel, provider: channel === 'sms' ? 'twilio' : 'amazon-connect' }));
      ids[name] = intake.complaintId;
    };
    await seed('oldKo', '2026-03-02T10:00:00', '불법 주차 차량이 있어요');
    await seed('newEn', '2026-03-05T10:00:00', 'There is a car parked on the sidewalk');
    await seed('midEn', '2026-03-04T10:00:00', 'The streetlight is broken', 'voice');
    await seed('urgent', '2026-03-06T10:00:00', '수도관이 터졌어요');
    await seed('closed', '2026-03-01T10:00:00', '이미 해결된 민원');
    // Immediate: due three working hours after receipt (lunch left out), before everything founded earlier.
    await changePetitionType({ ...deps, calendar }, { complaintId: ids.urgent!, petitionType: 'immediate', actor: 'counselor:kim' });
    await changeStatus(deps, { complaintId: ids.closed!, to: 'closed', actor: 'counselor:kim', reason: '중복 민원' });
    await changeStatus(deps, { complaintId: ids.midEn!, to: 'in_progress', actor: 'counselor:kim', reason: '확인 중' });
    await assignComplaint(deps, { complaintId: ids.newEn!, category: '주차', reason: '보도 주차', actor: 'counselor:kim' });
    await assignComplaint(deps, { complaintId: ids.oldKo!, category: '주차', agency: '강남구청', reason: '관할 구청 이관', actor: 'counselor:kim' });
  });
  afterAll(async () => harness.close());

  it('lists open complaints only, the one due first first, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listComplaints(harness, { order: 'due', limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.complaintId));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([ids.urgent, ids.oldKo, ids.midEn, ids.newEn]);
    const [first, second] = (await listComplaints(harness, { order: 'due', limit: '2' })).items;
    expect(first).toMatchObject({ petitionType: 'immediate', dueAt: kst('2026-03-06T14:00:00') });
    expect(second).toMatchObject({ petitionType: 'inquiry-procedure', category: '주차', agency: '강남구청' });
  });

  it('filters the due-ordered queue by status, channel, language and category', async () => {
    const ofFilter = async (filter: Record<string, string>) => (await listComplaints(harness, { order: 'due', ...filter })).items.map((item) => item.complaintId);
    expect(await ofFilter({ status: 'in_progress' })).toEqual([ids.midEn]);
    expect(await ofFilter({ channel: 'sms' })).toEqual([ids.urgent, ids.oldKo, ids.newEn]);
    expect(await ofFilter({ language: 'en' })).toEqual([ids.midEn, ids.newEn]);
    expect(await ofFilter({ category: '주차' })).toEqual([ids.oldKo, ids.newEn]);
    expect(await ofFilter({ category: '주차', language: 'ko' })).toEqual([ids.oldKo]);
  });

  it('filters the newest-first listing by language and category too', async () => {
    const items = (await listComplaints(harness, { language: 'en' })).items.map((item) => item.complaintId);
    expect(items).toEqual([ids.newEn, ids.midEn]);
    expect((await listComplaints(harness, { category: '주차', order: 'oldest' })).items.map((item) => item.complaintId)).toEqual([ids.oldKo, ids.newEn]);
  });

  it('refuses a due-ordered listing of closed complaints', async () => {
    await expect(listComplaints(harness, { order: 'due', status: 'closed' })).rejects.toThrow(InvalidQueryError);
  });
});

describe('category and agency changes', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('records a transfer to a district office in the status history with its reason, and applies it once', async () => {
    const deps = intakeDeps(harness);
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: '골목에 쓰레기가 쌓였어요' }));
    const first = await assignComplaint(deps, { complaintId, category: '청소·폐기물', agency: '마포구청', reason: '관할 구청 처리 사항', actor: 'counselor:kim' });
    expect(first.changed).toBe(true);
    expect(first.complaint).toMatchObject({ category: '청소·폐기물', agency: '마포구청', status: 'received' });

    const retried = await assignComplaint(deps, { complaintId, category: '청소·폐기물', agency: '마포구청', reason: '관할 구청 처리 사항', actor: 'counselor:kim' });
    expect(retried.changed).toBe(false);

    const moved = await assignComplaint(deps, { complaintId, agency: '서대문구청', reason: '주소 확인 결과 서대문구', actor: 'counselor:lee' });
    expect(moved.complaint).toMatchObject({ category: '청소·폐기물', agency: '서대문구청' });

    const detail = await getComplaint(harness, complaintId);
    expect(detail).toMatchObject({ category: '청소·폐기물', agency: '서대문구청', status: 'received' });
    expect(detail?.statusHistory.slice(1)).toEqual([
      expect.objectContaining({ actor: 'counselor:kim', from: 'received', to: 'received', reason: '관할 구청 처리 사항', assignment: { category: '청소·폐기물', agency: '마포구청' } }),
      expect.objectContaining({ actor: 'counselor:lee', reason: '주소 확인 결과 서대문구', assignment: { agency: '서대문구청', previousAgency: '마포구청' } }),
    ]);
  });

  it('completes a change that crashed between its history entry and the complaint update when retried', async () => {
    const deps = intakeDeps(harness);
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const crashing = { ...deps, repository: crashingRepository(harness.repository, 1, 'after') };
    await expect(assignComplaint(crashing, { complaintId, category: '교통', reason: '버스 정류장', actor: 'counselor:kim' })).rejects.toThrow(SimulatedCrash);
    const retried = await assignComplaint(deps, { complaintId, category: '교통', reason: '버스 정류장', actor: 'counselor:kim' });
    expect(retried.changed).toBe(false);
    expect(await harness.repository.getComplaint(complaintId)).toMatchObject({ category: '교통', statusVersion: 2 });
    expect((await harness.repository.getComplaintDetail(complaintId))?.statusEvents).toHaveLength(2);
  });

  it('needs a reason and something to change', async () => {
    const deps = intakeDeps(harness);
    const { complaintId } = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    await expect(assignComplaint(deps, { complaintId, category: '교통', reason: ' ', actor: 'counselor:kim' })).rejects.toThrow(RangeError);
    await expect(assignComplaint(deps, { complaintId, reason: '이관', actor: 'counselor:kim' })).rejects.toThrow(RangeError);
  });
});

describe('finding complaints by receipt number or by the citizen\'s number', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('finds every complaint of one phone number on every channel, however the number is spelt, and nobody else\'s', async () => {
    const deps = intakeDeps(harness);
    const sms = await ingestMessage(deps, smsMessage({ citizenHandle: '010-2468-1357', receivedAt: '2026-03-02T01:00:00.000Z' }));
    const call = await ingestMessage(deps, smsMessage({ channel: 'voice', provider: 'amazon-connect', citizenHandle: '+82 10 2468 1357', receivedAt: '2026-03-03T01:00:00.000Z' }));
    await ingestMessage(deps, smsMessage({ citizenHandle: '010-2468-1358' }));

    const { view: found, access } = await searchComplaints(harness, { phone: '01024681357' });
    expect(found.items.map((item) => item.complaintId)).toEqual([call.complaintId, sms.complaintId]);
    expect(found.items[0]?.citizen).toBe('+82 10-****-1357');
    expect(JSON.stringify(found)).not.toContain('24681357');
    // The access record names whose complaints were looked up by the hash they carry, never the number.
    expect(access).toEqual({ citizenKeyHash: (await harness.repository.getComplaint(sms.complaintId))?.citizen.hash, resultCount: 2 });
    expect(JSON.stringify(access)).not.toContain('24681357');
  });

  it('finds one complaint by any spelling of its receipt number, and nothing for an unknown one', async () => {
    const deps = intakeDeps(harness);
    const intake = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const byReceipt = await searchComplaints(harness, { receiptNo: intake.receiptNo.toLowerCase() });
    expect(byReceipt.view.items.map((item) => item.complaintId)).toEqual([intake.complaintId]);
    expect(byReceipt.access).toEqual({ complaintId: intake.complaintId, citizenKeyHash: (await harness.repository.getComplaint(intake.complaintId))?.citizen.hash, resultCount: 1 });
    expect(await searchComplaints(harness, { receiptNo: '20260302-AAAAA-BBBBB' })).toEqual({ view: { by: 'receiptNo', items: [] }, access: { resultCount: 0 } });
  });

  it('refuses a number that is not a phone number, without repeating it', async () => {
    await expect(searchComplaints(harness, { phone: '12-34' })).rejects.toThrow(InvalidQueryError);
    await expect(searchComplaints(harness, { phone: '12-34' })).rejects.not.toThrow(/12-34/);
  });
});
