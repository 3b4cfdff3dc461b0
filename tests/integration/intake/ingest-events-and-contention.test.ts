import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { receiptNoFor } from '../../../functions/core/receipt.ts';
import { intakeDeps, overriding, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

describe('ingestMessage announces what it stored, and gives up on endless pointer contention', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('publishes complaint.created with the new complaint, then message.stored, for a founding message', async () => {
    const deps = intakeDeps(harness);
    deps.clock.set('2026-03-02T01:00:05.000Z');
    const message = smsMessage({ citizenHandle: uniquePhone(), text: 'The bus stop sign is broken' });
    const stored = await ingestMessage(deps, message);

    expect(stored.newComplaint).toBe(true);
    expect(deps.events.events).toEqual([
      { type: 'complaint.created', complaintId: stored.complaintId, receiptNo: receiptNoFor(message), channel: 'sms', language: 'en', at: '2026-03-02T01:00:05.000Z' },
      { type: 'message.stored', complaintId: stored.complaintId, messageId: stored.messageId, channel: 'sms', at: '2026-03-02T01:00:05.000Z' },
    ]);
  });

  it('publishes only message.stored for a message that joins an open complaint', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    const founding = await ingestMessage(deps, smsMessage({ citizenHandle: phone }));
    deps.events.events.length = 0;
    const joining = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '아직 그대로예요' }));

    expect(joining).toMatchObject({ newComplaint: false, complaintId: founding.complaintId });
    expect(deps.events.events).toEqual([{ type: 'message.stored', complaintId: founding.complaintId, messageId: joining.messageId, channel: 'sms', at: expect.any(String) }]);
  });

  it('gives up after four rounds when the open-complaint pointer changes under every attempt, storing nothing', async () => {
    const repository = overriding(harness.repository, { getOpenPointer: async () => null, putOpenPointer: async () => false });
    const deps = intakeDeps(harness, { repository });
    const message = smsMessage({ citizenHandle: uniquePhone() });

    await expect(ingestMessage(deps, message)).rejects.toThrow(/complaint pointer kept changing; will be redelivered/);
    expect(repository.calls.putOpenPointer).toBe(4);
    expect(await harness.repository.getMessageClaim(messageIdFor(message))).toBeNull();
    expect(deps.events.events).toEqual([]);
  });

  it('gives up after four rounds when its claim is refused but no winning claim can be read', async () => {
    const repository = overriding(harness.repository, { putMessageClaim: async () => false, getMessageClaim: async () => null });
    const deps = intakeDeps(harness, { repository });

    await expect(ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }))).rejects.toThrow(/kept changing/);
    expect(repository.calls.putMessageClaim).toBe(4);
  });
});

