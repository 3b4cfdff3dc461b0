import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintSummaryView } from '../../functions/core/queries.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

type Summary = ComplaintSummaryView;
const RECEIPT = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/;

/** The staff routes the counselor workspace app calls, through the local gateway and its authorizer. */
describe('complaints API routes of the workspace app', () => {
  let gateway: TestGateway;
  let receiptNo: string;
  let complaintId: string;

  const post = <T>(path: string, body: unknown, as: 'counselor' | 'supervisor' | 'auditor' = 'counselor') =>
    gateway.api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { as });

  beforeAll(async () => {
    gateway = await startTestGateway();
    const sent = await gateway.sms({ from: '010-3141-5926', body: '아파트 앞 가로등이 꺼졌어요' });
    await gateway.sms({ from: '010-2718-2818', body: 'Where do I pay a parking fine?' });
    await gateway.settle();
    receiptNo = RECEIPT.exec(sent.body)?.[1] ?? '';
    complaintId = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body.complaintId;
  });
  afterAll(async () => gateway?.stop());

  it('finds a complaint by receipt number or by the citizen\'s number in a POST body, never echoing the number', async () => {
    const byReceipt = await post<{ by: string; items: Summary[] }>('/api/complaints/search', { receiptNo: receiptNo.toLowerCase() });
    expect(byReceipt).toMatchObject({ status: 200, body: { by: 'receiptNo', items: [{ complaintId, receiptNo }] } });
    const byPhone = await post<{ by: string; items: Summary[] }>('/api/complaints/search', { phone: '+82 10 3141 5926' });
    expect(byPhone.body.items.map((item) => item.complaintId)).toEqual([complaintId]);
    expect(JSON.stringify(byPhone.body)).not.toContain('31415926');
    expect((await post('/api/complaints/search', { receiptNo, phone: '010-3141-5926' })).status).toBe(400);
    expect((await post('/api/complaints/search', {})).status).toBe(400);
  });

  it('lists the queue by due time and filters it by language', async () => {
    const queue = await gateway.api<{ items: Summary[] }>('/api/complaints?order=due&language=en');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((item) => item.language)).toEqual(['en']);
    expect(queue.body.items[0]).toMatchObject({ petitionType: 'inquiry-procedure', dueAt: expect.any(String) });
    expect((await gateway.api('/api/complaints?order=due&status=closed')).status).toBe(400);
  });

  it('transfers the complaint to a district office with a reason, recorded in the history as the signed-in counselor', async () => {
    const moved = await post<{ changed: boolean; complaint: Summary }>(`/api/complaints/${receiptNo}/assignment`, { category: '도로·시설물', agency: '송파구청', reason: '관할 구청 시설물' });
    expect(moved).toMatchObject({ status: 200, body: { changed: true, complaint: { category: '도로·시설물', agency: '송파구청' } } });
    expect((await post(`/api/complaints/${receiptNo}/assignment`, { agency: '송파구청' })).status).toBe(400);
    const detail = await gateway.api<{ statusHistory: Array<{ actor: string; assignment?: unknown }> }>(`/api/complaints/${complaintId}`);
    expect(detail.body.statusHistory.at(-1)).toMatchObject({ actor: 'counselor:counselor1@example.org', assignment: { agency: '송파구청' } });
  });

  it('changes the petition type and extends the deadline once per extension number', async () => {
    const typed = await post<{ complaint: Summary }>(`/api/complaints/${complaintId}/petition-type`, { type: 'grievance', reason: '불편 해소 요청' });
    expect(typed).toMatchObject({ status: 200, body: { complaint: { petitionType: 'grievance' } } });
    expect((await post(`/api/complaints/${complaintId}/petition-type`, { type: 'urgent', reason: 'x' })).status).toBe(400);

    const extended = await post<{ changed: boolean; complaint: Summary }>(`/api/complaints/${complaintId}/deadline-extension`, { reason: '현장 점검 일정', extensionNumber: 1 });
    expect(extended).toMatchObject({ status: 200, body: { changed: true, complaint: { deadlineExtension: { count: 1 }, extendedDueAt: expect.any(String) } } });
    const again = await post<{ changed: boolean }>(`/api/complaints/${complaintId}/deadline-extension`, { reason: '현장 점검 일정', extensionNumber: 1 });
    expect(again.body.changed).toBe(false);
    // The second extension needs the citizen's consent; once extended, the type is locked.
    expect((await post(`/api/complaints/${complaintId}/deadline-extension`, { reason: '추가 점검', extensionNumber: 2 })).status).toBe(409);
    expect((await post(`/api/complaints/${complaintId}/petition-type`, { type: 'suggestion', reason: '재분류' })).status).toBe(409);
  });

  it('shows supervisors the overdue list, and nobody else', async () => {
    const overdue = await gateway.api<{ now: string; items: Summary[] }>('/api/complaints/overdue?now=2099-01-01T00:00:00Z', {}, { as: 'supervisor' });
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.length).toBe(2);
    expect((await gateway.api('/api/complaints/overdue', {}, { as: 'counselor' })).status).toBe(403);
    expect((await gateway.api('/api/complaints/overdue?limit=1000', {}, { as: 'supervisor' })).status).toBe(400);
  });
});
