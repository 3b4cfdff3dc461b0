import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../functions/core/model.ts';
import { publicStatusView } from '../../../functions/core/status-lookup/public-status.ts';
import { startHarness, type Harness } from '../intake/harness.ts';
import { kst, noticeWorld } from './harness.ts';

const KOREAN_ANSWER = '가로등은 내일 수리합니다.';

function reply(complaintId: string, replyId: string, patch: Partial<Reply>): Reply {
  return {
    replyId,
    complaintId,
    channel: 'sms',
    createdAt: kst('2027-04-05T10:00:00.000'),
    counselor: 'kim',
    textKo: KOREAN_ANSWER,
    textSent: '',
    language: 'en',
    delivery: 'pending',
    ...patch,
  };
}

/*
 * What a notice or the status lookup says of an answer follows the reply states replies have:
 * a held reply is no answer to show (it would be Korean to a citizen who does not read it), and a
 * reply its delivery reports say never reached the handset was not delivered, whatever its stored state.
 */
describe('answers in notices and the status lookup, by reply state', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('never puts the Korean text of a reply held for translation into the answered notice of a citizen who does not read Korean', async () => {
    const world = noticeWorld(harness, kst('2027-04-05T10:00:00.000'));
    const { complaintId, receiptNo } = await world.complaint({ text: 'The streetlight on my road is broken' });
    await harness.repository.putReply(reply(complaintId, 'held-1', { delivery: 'awaiting_translation', translation: 'awaiting' }));
    await world.move(complaintId, 'answered');
    expect(world.sms.sent.map((sent) => sent.body)).toEqual([`[Seoul 120] Your complaint ${receiptNo} has been answered.`]);
    const detail = await harness.repository.getComplaintDetail(complaintId);
    expect(detail && publicStatusView(detail, 'en').answer).toBeUndefined();
  });

  it('shows in the status lookup the answer whose delivery reports say it never reached the handset', async () => {
    const world = noticeWorld(harness, kst('2027-04-12T10:00:00.000'));
    const { complaintId } = await world.complaint({ text: 'The streetlight on my road is broken' });
    const at = kst('2027-04-12T10:05:00.000');
    await harness.repository.putReply(
      reply(complaintId, 'reported-1', {
        textSent: 'We will fix the streetlight tomorrow.',
        delivery: 'queued',
        providerMessageId: 'SM00000000000000000000000000000001',
        receipts: [{ providerMessageId: 'SM00000000000000000000000000000001', status: 'undelivered', errorCode: '30003', provider: 'twilio', at }],
      }),
    );
    const detail = await harness.repository.getComplaintDetail(complaintId);
    expect(detail && publicStatusView(detail, 'en').answer).toMatchObject({ text: 'We will fix the streetlight tomorrow.', language: 'en' });
  });
});
