import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../functions/core/complaint-lifecycle.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { DeliveryInProgressError, FINISHING_GRACE_MS, ingestMessage } from '../../../functions/core/ingest-message.ts';
import type { Message } from '../../../functions/core/model.ts';
import { crashingRepository, intakeDeps, overriding, SimulatedCrash, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

/*
 * What ingestMessage writes and records beyond the message itself: as few writes as the order
 * needs, the complaint's first status event, its log lines, and the outcome of every kind of
 * redelivery.
 */
describe('ingestMessage: writes, records and redeliveries', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('founds a complaint in seven writes, joins one in five, and writes nothing for a completed redelivery', async () => {
    const phone = uniquePhone();
    const founding = smsMessage({ citizenHandle: phone });
    const counted = crashingRepository(harness.repository, 0, 'before');
    const deps = intakeDeps(harness, { repository: counted });
    const first = await ingestMessage(deps, founding);
    expect(counted.writes).toBe(7);

    const joining = crashingRepository(harness.repository, 0, 'before');
    await ingestMessage(intakeDeps(harness, { repository: joining }), smsMessage({ citizenHandle: phone, text: '아직 그대로예요' }));
    expect(joining.writes).toBe(5);

    const again = crashingRepository(harness.repository, 0, 'before');
    expect(await ingestMessage(intakeDeps(harness, { repository: again }), founding)).toEqual({ ...first, status: 'duplicate' });
    expect(again.writes).toBe(0);
    expect(first.translation).toBe('not_needed');
  });

  it('records the first contact as the system receiving it, founds the complaint not confidential, and stores the message as inbound', async () => {
    const deps = intakeDeps(harness);
    const stored = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    const detail = await harness.repository.getComplaintDetail(stored.complaintId);
    expect(detail?.complaint.confidential).toBe(false);
    expect(detail?.statusEvents.map(({ actor, from, to, reason, version }) => ({ actor, from, to, reason, version }))).toEqual([
      { actor: 'system', from: null, to: 'received', reason: 'first contact on sms', version: 1 },
    ]);
    expect(detail?.messages.map((m) => m.direction)).toEqual(['inbound']);
  });

  it('logs what it stored under the message, channel and provider, as a fresh delivery, and logs no error or warning', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone() });
    await ingestMessage(deps, message);
    expect(deps.log.lines.find((line) => line.message === 'message stored')?.attributes).toMatchObject({ messageId: messageIdFor(message), channel: 'sms', provider: 'twilio', resumed: false });
    expect(deps.log.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });

  it('reports a completed message it cannot read back as a duplicate with its translation pending', async () => {
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const first = await ingestMessage(intakeDeps(harness), message);
    const repository = overriding(harness.repository, { getMessage: async () => null });
    expect(await ingestMessage(intakeDeps(harness, { repository }), message)).toEqual({ ...first, status: 'duplicate', translation: 'pending' });
  });

  it('joins a complaint whose founding message is still being stored, announcing no new complaint', async () => {
    const phone = uniquePhone();
    const founding = await ingestMessage(intakeDeps(harness), smsMessage({ citizenHandle: phone }));
    const repository = overriding(harness.repository, { getComplaint: async () => null });
    const deps = intakeDeps(harness, { repository });
    const joining = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '사진도 보낼게요' }));
    expect(joining).toMatchObject({ complaintId: founding.complaintId, newComplaint: false, status: 'stored' });
    expect(deps.events.events.map((event) => event.type)).toEqual(['message.stored']);
  });

  it('creates the complaint a joining message names when its founding delivery died after taking the pointer', async () => {
    const phone = uniquePhone();
    const founding = smsMessage({ citizenHandle: phone });
    // The pointer is the founding delivery's first write.
    await expect(ingestMessage(intakeDeps(harness, { repository: crashingRepository(harness.repository, 1, 'after') }), founding)).rejects.toThrow(SimulatedCrash);
    const deps = intakeDeps(harness);
    const joining = await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '연락 주세요' }));
    expect(joining).toMatchObject({ newComplaint: false, status: 'stored' });
    expect(await harness.repository.getComplaint(joining.complaintId)).toMatchObject({ status: 'received', receiptNo: joining.receiptNo });
    expect(deps.events.events.map((event) => event.type)).toEqual(['message.stored']);
  });

  it('logs an error when its receipt number already belongs to another complaint', async () => {
    const repository = overriding(harness.repository, { putReceiptAlias: async () => 'cmp_someone_else' });
    const deps = intakeDeps(harness, { repository });
    const stored = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone() }));
    expect(deps.log.lines.filter((line) => line.level === 'error')).toEqual([
      { level: 'error', message: 'receipt number already taken by another complaint', attributes: expect.objectContaining({ receiptNo: stored.receiptNo, complaintId: stored.complaintId, owner: 'cmp_someone_else' }) },
    ]);
  });

  it('puts an answered complaint back in progress when the citizen writes again, as the citizen', async () => {
    const phone = uniquePhone();
    const deps = intakeDeps(harness);
    const founding = await ingestMessage(deps, smsMessage({ citizenHandle: phone }));
    const lifecycle = { repository: harness.repository, clock: deps.clock, events: deps.events };
    await changeStatus(lifecycle, { complaintId: founding.complaintId, to: 'in_progress', actor: 'counselor:kim', reason: 'taken' });
    await changeStatus(lifecycle, { complaintId: founding.complaintId, to: 'answered', actor: 'counselor:kim', reason: 'answered' });
    await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '답변이 틀렸어요' }));
    const detail = await harness.repository.getComplaintDetail(founding.complaintId);
    expect(detail?.complaint.status).toBe('in_progress');
    expect(detail?.statusEvents.at(-1)).toMatchObject({ actor: 'citizen', from: 'answered', to: 'in_progress', reason: 'the citizen wrote again after the answer' });
  });

  it('counts a self-service visit only for a message that names one, and stores one without a counter', async () => {
    const visits: string[] = [];
    const selfServiceContacts = { recordContact: async (visitId: string) => void visits.push(visitId) };
    await ingestMessage(intakeDeps(harness, { selfServiceContacts }), smsMessage({ citizenHandle: uniquePhone() }));
    expect(visits).toEqual([]);
    const withVisit = smsMessage({ citizenHandle: uniquePhone(), selfService: { caseId: '120-2001', visitId: 'visit-from-page' } });
    expect(await ingestMessage(intakeDeps(harness), withVisit)).toMatchObject({ status: 'stored' });
  });

  it('waits for a delivery that stored the message moments ago, then takes over without fetching or translating again', async () => {
    const message = smsMessage({ citizenHandle: uniquePhone(), text: 'The street light is out' });
    // Founding: the message is the sixth write; the delivery dies right after it.
    const crashing = crashingRepository(harness.repository, 6, 'after');
    const deps = intakeDeps(harness, { repository: crashing });
    await expect(ingestMessage(deps, message)).rejects.toThrow(SimulatedCrash);
    expect(deps.translator.calls).toHaveLength(1);

    const redelivery = intakeDeps(harness);
    redelivery.clock.set(deps.clock.now().toISOString());
    const early = await ingestMessage(redelivery, message).then(
      () => null,
      (error: unknown) => error,
    );
    expect(early).toBeInstanceOf(DeliveryInProgressError);
    expect((early as Error).name).toBe('DeliveryInProgressError');
    expect((early as Error).message).toBe(`message ${messageIdFor(message)} is being finished by another delivery; will be redelivered`);

    redelivery.clock.advance(FINISHING_GRACE_MS);
    expect(await ingestMessage(redelivery, message)).toMatchObject({ status: 'duplicate', newComplaint: true });
    expect(redelivery.translator.calls).toHaveLength(0);
    expect(redelivery.events.events.map((event) => event.type)).toEqual(['complaint.created', 'message.stored']);
  });

  it('answers duplicate without announcing when another delivery completed the message while this one was storing it', async () => {
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const first = await ingestMessage(intakeDeps(harness), message);
    let reads = 0;
    const repository = overriding(harness.repository, {
      getMessageClaim: async (id: string) => {
        reads += 1;
        const claim = await harness.repository.getMessageClaim(id);
        if (reads > 1 || !claim) return claim;
        const { completedAt: _notYet, ...open } = claim;
        return open;
      },
    });
    const deps = intakeDeps(harness, { repository });
    expect(await ingestMessage(deps, message)).toEqual({ ...first, status: 'duplicate' });
    expect(deps.events.events).toEqual([]);
  });

  it('takes over from a concurrent delivery that wrote the message long ago and never finished', async () => {
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const deps = intakeDeps(harness);
    const repository = overriding(harness.repository, {
      putMessage: async (item: Message) => {
        // The other delivery's write, a minute ago: this one's conditional write loses to it.
        await harness.repository.putMessage({ ...item, storedAt: new Date(deps.clock.now().getTime() - 60_000).toISOString() });
        return false;
      },
    });
    const taking = { ...deps, repository };
    expect(await ingestMessage(taking, message)).toMatchObject({ status: 'duplicate', newComplaint: true });
    expect(deps.events.events.map((event) => event.type)).toEqual(['complaint.created', 'message.stored']);
  });

  it('reports a delivery that lost the claim to an identical one as resumed', async () => {
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const repository = overriding(harness.repository, {
      putMessageClaim: async (claim) => {
        await harness.repository.putMessageClaim(claim);
        return false;
      },
    });
    const deps = intakeDeps(harness, { repository });
    expect(await ingestMessage(deps, message)).toMatchObject({ status: 'stored' });
    expect(deps.log.lines.find((line) => line.message === 'message stored')?.attributes).toMatchObject({ resumed: true });
  });
});
