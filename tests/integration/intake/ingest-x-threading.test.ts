import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundMessageSchema, type InboundMessage, type InboundMessageInput } from '../../../schemas/inbound-message.ts';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { previewReceipt } from '../../../functions/core/receipt.ts';
import { threadKeyFor } from '../../../functions/core/thread-key.ts';
import { intakeDeps, startHarness, type Harness } from './harness.ts';

let tweetSequence = 1_866_503_928_398_045_000n;

/** A mention as the X mapper produces it (functions/channels/x/mention-to-inbound.ts). */
function mention(author: string, conversationRef: string | undefined, overrides: Partial<InboundMessageInput> = {}): InboundMessage {
  tweetSequence += 1n;
  return InboundMessageSchema.parse({
    channel: 'x',
    provider: 'x-api',
    providerMessageId: String(tweetSequence),
    citizenHandle: author,
    citizenHandleKind: 'x-user',
    recipient: '1500000000000000000',
    text: '@seoul_city 가로등이 꺼졌어요',
    ...(conversationRef ? { conversationRef } : {}),
    receivedAt: '2026-11-29T01:00:00.000Z',
    ...overrides,
  });
}

describe('X mentions thread by author and conversation', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('joins two mentions of one author in one conversation into one complaint', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, mention('42001', '1866503928398040001'));
    const second = await ingestMessage(deps, mention('42001', '1866503928398040001', { text: '@seoul_city 아직도 꺼져 있어요', receivedAt: '2026-11-29T02:00:00.000Z' }));

    expect(first.newComplaint).toBe(true);
    expect(second).toMatchObject({ status: 'stored', newComplaint: false, complaintId: first.complaintId, receiptNo: first.receiptNo });
    const detail = await harness.repository.getComplaintDetail(first.complaintId);
    expect(detail?.messages.map((m) => m.text)).toEqual(['@seoul_city 가로등이 꺼졌어요', '@seoul_city 아직도 꺼져 있어요']);
    expect(detail?.complaint.conversationRef).toBe('1866503928398040001');
  });

  it('opens a new complaint when the same author mentions the city in another conversation', async () => {
    const deps = intakeDeps(harness);
    const lamp = await ingestMessage(deps, mention('42002', '1866503928398040010'));
    const bus = await ingestMessage(deps, mention('42002', '1866503928398040020', { text: '@seoul_city the bus stop sign fell down' }));
    const lampAgain = await ingestMessage(deps, mention('42002', '1866503928398040010', { text: '@seoul_city 사진 첨부합니다' }));

    expect(bus.newComplaint).toBe(true);
    expect(bus.complaintId).not.toBe(lamp.complaintId);
    expect(lampAgain).toMatchObject({ newComplaint: false, complaintId: lamp.complaintId });
    // The citizen's history (gsi3, plain handle hash) still shows both conversations.
    const detail = await harness.repository.getComplaintDetail(lamp.complaintId);
    const history = await harness.repository.listComplaintsByCitizen(detail!.complaint.citizen.hash, 10);
    expect(history.map((c) => c.complaintId).sort()).toEqual([lamp.complaintId, bus.complaintId].sort());
  });

  it('keeps two authors in one conversation in two complaints', async () => {
    const deps = intakeDeps(harness);
    const a = await ingestMessage(deps, mention('42003', '1866503928398040030'));
    const b = await ingestMessage(deps, mention('42004', '1866503928398040030'));
    expect(b.newComplaint).toBe(true);
    expect(b.complaintId).not.toBe(a.complaintId);
  });

  it('reopens the answered complaint when the citizen writes again in the conversation, and starts a new one once it is closed', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, mention('42005', '1866503928398040040'));
    await changeStatus(deps, { complaintId: first.complaintId, to: 'answered', actor: 'counselor:kim', reason: 'replied on X' });
    const followUp = await ingestMessage(deps, mention('42005', '1866503928398040040', { text: '@seoul_city 아직 안 고쳐졌어요' }));
    expect(followUp.complaintId).toBe(first.complaintId);
    expect((await harness.repository.getComplaint(first.complaintId))?.status).toBe('in_progress');
    await changeStatus(deps, { complaintId: first.complaintId, to: 'closed', actor: 'counselor:kim', reason: 'fixed' });
    const later = await ingestMessage(deps, mention('42005', '1866503928398040040', { text: '@seoul_city 고맙습니다' }));
    expect(later.newComplaint).toBe(true);
    expect(later.complaintId).not.toBe(first.complaintId);
  });

  it('previews the open conversation’s receipt for a follow-up in it, and a fresh one in another conversation', async () => {
    const deps = intakeDeps(harness);
    const founded = await ingestMessage(deps, mention('42006', '1866503928398040050'));

    const sameConversation = await previewReceipt(harness, mention('42006', '1866503928398040050'));
    const otherConversation = mention('42006', '1866503928398040060');
    const other = await previewReceipt(harness, otherConversation);

    expect(sameConversation).toEqual({ receiptNo: founded.receiptNo, joinedExisting: true });
    expect(other.joinedExisting).toBe(false);
    expect(other.receiptNo).not.toBe(founded.receiptNo);
  });

  it('threads by author alone when X gave no conversation id, and never changes other channels’ keys', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, mention('42007', undefined));
    const second = await ingestMessage(deps, mention('42007', undefined));
    expect(second).toMatchObject({ newComplaint: false, complaintId: first.complaintId });

    expect(threadKeyFor({ channel: 'x', conversationRef: '77' }, 'h')).toBe('h#conv#77');
    expect(threadKeyFor({ channel: 'x' }, 'h')).toBe('h');
    expect(threadKeyFor({ channel: 'sms', conversationRef: '77' }, 'h')).toBe('h');
  });
});
