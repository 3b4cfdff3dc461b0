import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryInProgressError, FINISHING_GRACE_MS, ingestMessage } from '../../../functions/core/ingest-message.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { receiptNoFor } from '../../../functions/core/receipt.ts';
import {
  countByType,
  crashingRepository,
  intakeDeps,
  itemsMentioning,
  smsMessage,
  startHarness,
  uniquePhone,
  SimulatedCrash,
  type Harness,
} from './harness.ts';

describe('ingestMessage stores each contact exactly once', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('stores one message when the same MessageSid arrives twice', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const first = await ingestMessage(deps, message);
    const second = await ingestMessage(deps, { ...message, receivedAt: '2026-03-02T01:00:09.000Z' });

    expect(first).toMatchObject({ status: 'stored', newComplaint: true, messageId: messageIdFor(message), receiptNo: receiptNoFor(message) });
    expect(second).toMatchObject({ status: 'duplicate', complaintId: first.complaintId, receiptNo: first.receiptNo, messageId: first.messageId });
    const detail = await harness.repository.getComplaintDetail(first.complaintId);
    expect(detail?.messages).toHaveLength(1);
    expect(deps.events.ofType('message.stored')).toHaveLength(1);
  });

  it('stores one message when the same End User Messaging inboundMessageId is delivered concurrently', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ provider: 'aws-eum', providerMessageId: 'e3c6a0e1-inbound-0001', citizenHandle: uniquePhone() });
    const settled = await Promise.allSettled([ingestMessage(deps, message), ingestMessage(deps, message), ingestMessage(deps, message)]);
    // A delivery that finds another one finishing the message stands down and is redelivered later.
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(DeliveryInProgressError);
    const outcomes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));

    expect(new Set(outcomes.map((o) => o.complaintId)).size).toBe(1);
    expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(1);
    const items = await itemsMentioning(harness, [outcomes[0]!.complaintId, outcomes[0]!.messageId]);
    expect(countByType(items)).toEqual({ complaint: 1, message: 1, 'status-event': 1, 'message-claim': 1, 'open-pointer': 1, 'receipt-alias': 1 });
  });

  it('keeps the same provider id on two providers apart', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const a = await ingestMessage(deps, smsMessage({ provider: 'twilio', providerMessageId: 'same-id-1', citizenHandle: phone }));
    const b = await ingestMessage(deps, smsMessage({ provider: 'aws-eum', providerMessageId: 'same-id-1', citizenHandle: phone }));
    expect(b.messageId).not.toBe(a.messageId);
    expect(b.status).toBe('stored');
  });

  describe.each(['before', 'after'] as const)('a crash %s any single write, then redelivery', (when) => {
    async function cleanRunWrites(scenario: 'founding' | 'joining'): Promise<number> {
      const deps = intakeDeps(harness);
      const phone = uniquePhone();
      if (scenario === 'joining') await ingestMessage(deps, smsMessage({ citizenHandle: phone }));
      const counting = crashingRepository(harness.repository, Number.POSITIVE_INFINITY, when);
      await ingestMessage({ ...deps, repository: counting }, smsMessage({ citizenHandle: phone }));
      return counting.writes;
    }

    it.each(['founding', 'joining'] as const)('converges to the same items for a %s message, whichever write fails', async (scenario) => {
      const total = await cleanRunWrites(scenario);
      expect(total).toBeGreaterThanOrEqual(scenario === 'founding' ? 6 : 4);
      for (let n = 1; n <= total; n += 1) {
        const deps = intakeDeps(harness);
        const phone = uniquePhone();
        const earlier = scenario === 'joining' ? await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: 'first' })) : null;
        const message = smsMessage({ citizenHandle: phone, media: [{ url: 'https://api.twilio.com/media/1', contentType: 'image/png' }] });
        deps.mediaFetcher.serve('https://api.twilio.com/media/1', PNG, 'image/png');

        const crashing = crashingRepository(harness.repository, n, when);
        await expect(ingestMessage({ ...deps, repository: crashing }, message), `write ${n}`).rejects.toBeInstanceOf(SimulatedCrash);
        // SQS redelivers once the visibility timeout has passed.
        deps.clock.advance(FINISHING_GRACE_MS);
        const redelivered = await ingestMessage(deps, message);
        const again = await ingestMessage(deps, message);

        expect(again.status, `write ${n}`).toBe('duplicate');
        expect(redelivered.complaintId, `write ${n}`).toBe(earlier?.complaintId ?? redelivered.complaintId);
        expect(redelivered.newComplaint, `write ${n}`).toBe(scenario === 'founding');
        const items = await itemsMentioning(harness, [redelivered.complaintId, redelivered.messageId]);
        const expected =
          scenario === 'founding'
            ? { complaint: 1, message: 1, 'status-event': 1, 'message-claim': 1, 'open-pointer': 1, 'receipt-alias': 1 }
            : { complaint: 1, message: 2, 'status-event': 1, 'message-claim': 2, 'open-pointer': 1, 'receipt-alias': 2 };
        expect(countByType(items), `write ${n}`).toEqual(expected);
        const detail = await harness.repository.getComplaintDetail(redelivered.complaintId);
        expect(detail?.messages.find((m) => m.messageId === redelivered.messageId)?.attachments, `write ${n}`).toHaveLength(1);
        expect(await harness.repository.findComplaintIdByReceipt(receiptNoFor(message)), `write ${n}`).toBe(redelivered.complaintId);
        const byCitizen = await harness.repository.listComplaintsByCitizen(detail!.complaint.citizen.hash, 10);
        expect(byCitizen, `write ${n}`).toHaveLength(1);
      }
    });
  });

  it('retries the whole intake when media cannot be fetched for now, storing nothing half-done', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone(), media: [{ url: 'https://api.twilio.com/media/flaky', contentType: 'image/png' }] });
    deps.mediaFetcher.fail('https://api.twilio.com/media/flaky', new Error('ECONNRESET'), { once: true });
    await expect(ingestMessage(deps, message)).rejects.toThrow('ECONNRESET');
    expect(await harness.repository.getMessage(messageIdFor(message).replace('msg_', 'cmp_'), messageIdFor(message))).toBeNull();

    deps.mediaFetcher.serve('https://api.twilio.com/media/flaky', PNG, 'image/png');
    const outcome = await ingestMessage(deps, message);
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored?.attachments.map((a) => a.contentType)).toEqual(['image/png']);
  });

  it('stores the text with the media refused on the last delivery attempt when the media stays unreachable', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone(), media: [{ url: 'https://api.twilio.com/media/gone', contentType: 'image/jpeg' }] });
    deps.mediaFetcher.fail('https://api.twilio.com/media/gone', new Error('socket hang up'));
    const outcome = await ingestMessage(deps, message, { lastAttempt: true });
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored?.text).toBe(message.text);
    expect(stored?.refusedAttachments).toEqual([{ contentType: 'image/jpeg', reason: expect.stringContaining('could not be fetched') }]);
  });
});

/** A 1x1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);
