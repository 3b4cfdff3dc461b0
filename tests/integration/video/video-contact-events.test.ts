import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReservationRepository } from '../../../functions/adapters/dynamodb/reservation-repository.ts';
import { createContactEventHandler } from '../../../functions/channels/voice/contact-event-handler.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { bookReservation } from '../../../functions/core/reservations/book-reservation.ts';
import { createVoiceStatusHistory } from '../../../functions/core/voice/contact-status-history.ts';
import { loadFixture } from '../../support/fixtures.ts';
import { intakeDeps } from '../intake/harness.ts';
import { startVideoHarness, type VideoHarness } from './harness.ts';

type ContactEvent = { id: string; time: string; detail: Record<string, unknown> };

/** The documented contact events, as Connect sends them for a StartWebRTCContact contact. */
function videoEvent(fixture: string, contactId: string, eventType: string, at: string): ContactEvent {
  const event = loadFixture<ContactEvent>('connect', fixture);
  event.id = `${contactId}-${eventType}`;
  event.time = at;
  Object.assign(event.detail, { eventType, contactId, initialContactId: contactId, initiationMethod: 'WEBRTC_API', initiationTimestamp: '2026-03-02T00:55:00.000Z' });
  return event;
}

describe('a video call recorded on its complaint from contact events', () => {
  let h: VideoHarness;
  let handle: (event: unknown) => Promise<unknown>;
  beforeEach(async () => {
    h = await startVideoHarness();
    const reservations = createReservationRepository(h.documents, h.table.tableName);
    handle = createContactEventHandler({ status: createVoiceStatusHistory({ repository: h.complaints, videoLinks: h.links, reservations, clock: h.clock, log: h.log }), log: h.log });
  });
  afterEach(async () => h.close());

  /** The intake pipeline's part: store what was queued. */
  async function runPipeline(): Promise<void> {
    const deps = intakeDeps({ table: h.table, documents: h.documents, repository: h.complaints, pii: h.pii, close: async () => undefined }, { translator: null });
    for (const { envelope } of h.intake.drain()) if (envelope.kind === 'inbound') await ingestMessage(deps, envelope.message);
  }

  it('records start, queue, counselor, end and time with the counselor on the reservation complaint, and marks the reservation kept once', async () => {
    const issued = await h.newAccount('010-3030-4040', 'ko');
    const { reservation } = await bookReservation(h.reservations.deps, { requestId: 'booking-0001', citizen: { chatAccountId: issued.accountId }, slot: '2026-03-02T10:00', contactPreference: 'video', language: 'ko' });
    await runPipeline();
    h.clock.set('2026-03-02T00:55:00.000Z');
    const call = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001', reservationId: reservation.reservationId } });
    const contactId = String(call.body.contactId);

    const connected = videoEvent('contact-event-connected-to-agent', contactId, 'CONNECTED_TO_AGENT', '2026-03-02T00:56:00Z');
    (connected.detail.AgentInfo as Record<string, string>).connectedToAgentTimestamp = '2026-03-02T00:56:00.000Z';
    const ended = videoEvent('contact-event-disconnected', contactId, 'DISCONNECTED', '2026-03-02T01:20:30Z');
    Object.assign(ended.detail, { disconnectTimestamp: '2026-03-02T01:20:30.000Z', agentInfo: { ...(ended.detail.agentInfo as object), connectedToAgentTimestamp: '2026-03-02T00:56:00.000Z' } });
    for (const event of [
      videoEvent('contact-event-queued', contactId, 'INITIATED', '2026-03-02T00:55:00Z'),
      videoEvent('contact-event-queued', contactId, 'QUEUED', '2026-03-02T00:55:02Z'),
      connected,
      connected, // EventBridge delivers at least once
      ended,
    ]) {
      await handle(event);
    }

    const claim = await h.complaints.getMessageClaim(messageIdFor({ channel: 'chat', provider: 'gateway', providerMessageId: `reservation:${reservation.reservationId}` }));
    const detail = await h.complaints.getComplaintDetail(claim!.complaintId);
    const reasons = detail!.statusEvents.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['video call started', 'video call connected to a counselor', 'video call ended after 24 min 30 s with a counselor (CUSTOMER_DISCONNECT)']));
    expect(reasons.filter((r) => r === 'video call connected to a counselor')).toHaveLength(1);
    expect(reasons.some((r) => r.startsWith('queued in'))).toBe(true);
    expect(detail!.complaint.status).toBe('in_progress');

    const kept = await h.reservations.deps.repository.get(reservation.reservationId);
    expect(kept?.status).toBe('kept');
    expect(kept?.history.filter((change) => change.to === 'kept')).toEqual([expect.objectContaining({ actor: 'counselor:99999999-8888-7777-6666-555555555555' })]);
  });

  it('asks for the event again while the on-demand call complaint is not filed yet, and records it once it is', async () => {
    const issued = await h.newAccount('010-5050-6060', 'en');
    const call = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001' } });
    const started = videoEvent('contact-event-queued', String(call.body.contactId), 'INITIATED', '2026-03-01T23:00:01Z');
    await expect(handle(started)).rejects.toMatchObject({ name: 'ConcurrentStatusChangeError' });
    await runPipeline();
    await handle(started);
    const claim = await h.complaints.getMessageClaim(messageIdFor({ channel: 'chat', provider: 'gateway', providerMessageId: String(h.contacts.requests[0]!.clientToken).replace(/^video-/, 'video:') }));
    const detail = await h.complaints.getComplaintDetail(claim!.complaintId);
    expect(detail!.complaint.receiptNo).toBe(call.body.receiptNo);
    expect(detail!.statusEvents.map((e) => e.reason)).toContain('video call started');
  });

  it("asks again for an event of a video contact whose link is not stored yet (Connect's first events race the start route), for five minutes", async () => {
    h.clock.set('2026-03-02T00:55:30.000Z');
    const early = videoEvent('contact-event-queued', 'contact-not-linked-yet', 'INITIATED', '2026-03-02T00:55:00Z');
    await expect(handle(early)).rejects.toMatchObject({ name: 'ConcurrentStatusChangeError' });
    h.clock.set('2026-03-02T01:01:00.000Z');
    await expect(handle(early)).resolves.toBeDefined();
  });
});
