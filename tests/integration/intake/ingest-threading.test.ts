import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { previewReceipt, receiptNoFor } from '../../../functions/core/receipt.ts';
import { getComplaint } from '../../../functions/core/queries.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

describe('ingestMessage threads a citizen\'s messages into conversations', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('joins a second message from the same citizen to their open complaint, whatever the number format', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, smsMessage({ citizenHandle: '010-2222-3333', text: '가로등이 꺼졌어요' }));
    const second = await ingestMessage(deps, smsMessage({ citizenHandle: '+82 10 2222 3333', text: '아직도요', receivedAt: '2026-03-02T02:00:00.000Z' }));
    const third = await ingestMessage(deps, smsMessage({ citizenHandle: '01022223333', text: '감사합니다', receivedAt: '2026-03-02T03:00:00.000Z' }));

    expect(second).toMatchObject({ status: 'stored', newComplaint: false, complaintId: first.complaintId, receiptNo: first.receiptNo });
    expect(third.complaintId).toBe(first.complaintId);
    const detail = await harness.repository.getComplaintDetail(first.complaintId);
    expect(detail?.messages.map((m) => m.text)).toEqual(['가로등이 꺼졌어요', '아직도요', '감사합니다']);
    expect(detail?.complaint.lastMessageAt).toBe('2026-03-02T03:00:00.000Z');
  });

  it('starts a new complaint once the previous one is closed', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const first = await ingestMessage(deps, smsMessage({ citizenHandle: phone }));
    await changeStatus(deps, { complaintId: first.complaintId, to: 'closed', actor: 'counselor:kim', reason: 'resolved on the phone' });
    const later = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '다른 문의입니다' }));
    const afterThat = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '추가 내용' }));

    expect(later).toMatchObject({ newComplaint: true, status: 'stored' });
    expect(later.complaintId).not.toBe(first.complaintId);
    expect(later.receiptNo).not.toBe(first.receiptNo);
    expect(afterThat).toMatchObject({ newComplaint: false, complaintId: later.complaintId });
  });

  it('keeps the same citizen on two channels in two complaints', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const sms = await ingestMessage(deps, smsMessage({ citizenHandle: phone }));
    const voice = await ingestMessage(deps, smsMessage({ channel: 'voice', provider: 'amazon-connect', citizenHandle: phone }));
    expect(voice.newComplaint).toBe(true);
    expect(voice.complaintId).not.toBe(sms.complaintId);
  });

  it('founds exactly one complaint when two first messages from one citizen arrive concurrently', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const messages = Array.from({ length: 4 }, (_, i) => smsMessage({ citizenHandle: phone, text: `메시지 ${i}` }));
    const outcomes = await Promise.all(messages.map((m) => ingestMessage(deps, m)));

    expect(new Set(outcomes.map((o) => o.complaintId)).size).toBe(1);
    expect(outcomes.filter((o) => o.newComplaint)).toHaveLength(1);
    const detail = await harness.repository.getComplaintDetail(outcomes[0]!.complaintId);
    expect(detail?.messages).toHaveLength(4);
    expect(detail?.statusEvents).toHaveLength(1);
    const byCitizen = await harness.repository.listComplaintsByCitizen(detail!.complaint.citizen.hash, 10);
    expect(byCitizen).toHaveLength(1);
  });

  it('resolves every receipt number a citizen was told to their complaint', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const first = smsMessage({ citizenHandle: phone });
    const follow = smsMessage({ citizenHandle: phone });
    const founded = await ingestMessage(deps, first);
    await ingestMessage(deps, follow);

    const byOwnNumber = await getComplaint(harness, receiptNoFor(follow));
    const byComplaintNumber = await getComplaint(harness, founded.receiptNo.toLowerCase().replaceAll('-', ''));
    expect(byOwnNumber?.complaintId).toBe(founded.complaintId);
    expect(byComplaintNumber?.complaintId).toBe(founded.complaintId);
  });

  it('previews the open complaint\'s receipt for a follow-up, and the message\'s own for a first contact', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const first = smsMessage({ citizenHandle: phone });
    expect(await previewReceipt(harness, first)).toEqual({ receiptNo: receiptNoFor(first), joinedExisting: false });
    const founded = await ingestMessage(deps, first);

    const follow = smsMessage({ citizenHandle: phone });
    expect(await previewReceipt(harness, follow)).toEqual({ receiptNo: founded.receiptNo, joinedExisting: true });
    expect(await previewReceipt(harness, first)).toEqual({ receiptNo: founded.receiptNo, joinedExisting: false });

    await changeStatus(deps, { complaintId: founded.complaintId, to: 'closed', actor: 'system', reason: 'test' });
    expect(await previewReceipt(harness, follow)).toEqual({ receiptNo: receiptNoFor(follow), joinedExisting: false });
  });
});
