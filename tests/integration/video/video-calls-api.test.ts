import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../../../functions/core/chat/secrets.ts';
import { bookReservation } from '../../../functions/core/reservations/book-reservation.ts';
import { startVideoHarness, type VideoHarness } from './harness.ts';

const SLOT = '2026-03-02T10:00';
// 10:00 KST.
const START = Date.parse('2026-03-02T01:00:00.000Z');
const minutesFromStart = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

describe('the citizen video-call API (chat token, Connect contact, call link)', () => {
  let h: VideoHarness;
  beforeEach(async () => {
    h = await startVideoHarness();
  });
  afterEach(async () => h.close());

  it('refuses a call without a chat token (401) and with a malformed, unknown or revoked one (403)', async () => {
    expect((await h.call('POST', '/video-calls', { body: { requestId: 'attempt-0001' } })).status).toBe(401);
    expect((await h.call('POST', '/video-calls', { token: 'garbage', body: { requestId: 'attempt-0001' } })).status).toBe(403);
    expect((await h.call('POST', '/video-calls', { token: 'A'.repeat(43), body: { requestId: 'attempt-0001' } })).status).toBe(403);
    const issued = await h.newAccount();
    await h.accounts.revokeToken(tokenHash(issued.token), h.clock.now().toISOString());
    const revoked = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001' } });
    expect(revoked).toMatchObject({ status: 403, body: { code: 'invalid_token' } });
    expect(h.contacts.requests).toEqual([]);
  });

  it('starts one contact and files one message for a double click of an on-demand call, with no personal data in the attributes', async () => {
    const issued = await h.newAccount('010-7777-1234', 'vi');
    const first = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001' } });
    const second = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001' } });
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(h.contacts.contactCount()).toBe(1);
    expect(new Set(h.contacts.requests.map((r) => r.clientToken)).size).toBe(1);
    expect(first.body).toMatchObject({ contactId: 'contact-1', callKind: 'on-demand', media: { kind: 'local-webrtc' } });

    const messages = h.intake.sent.map((s) => s.envelope).filter((e) => e.kind === 'inbound').map((e) => e.message);
    expect(new Set(messages.map((m) => m.providerMessageId)).size).toBe(1);
    expect(messages[0]).toMatchObject({ channel: 'chat', provider: 'gateway', citizenHandleKind: 'chat-account', citizenHandle: issued.accountId, languageHint: 'vi' });
    expect(first.body.receiptNo).toMatch(/^20260302-[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const attributes = h.contacts.requests[0]!.attributes;
    expect(attributes).toEqual({ receiptNo: first.body.receiptNo, language: 'vi', callKind: 'on-demand' });
    expect(JSON.stringify(h.contacts.requests)).not.toMatch(/7777|1234|홍길동|ca_/);
    expect(await h.links.get('contact-1')).toMatchObject({ contactId: 'contact-1', callKind: 'on-demand', receiptNo: first.body.receiptNo });

    // A new attempt (the page's next call) is a new contact.
    const next = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0002' } });
    expect(next.body.contactId).toBe('contact-2');
  });

  it('tells the citizen no sign-language counselor is free, and files nothing', async () => {
    const issued = await h.newAccount();
    h.contacts.counselorFree = false;
    const refused = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001' } });
    expect(refused).toMatchObject({ status: 409, body: { code: 'no_counselor_free' } });
    expect(h.intake.sent).toEqual([]);
  });

  it("joins the citizen's own reservation inside its window only, with the reservation's receipt number", async () => {
    const issued = await h.newAccount('010-2222-3333', 'ja');
    const other = await h.newAccount('010-4444-5555');
    const { reservation } = await bookReservation(h.reservations.deps, { requestId: 'booking-0001', citizen: { chatAccountId: issued.accountId }, slot: SLOT, contactPreference: 'video', language: 'ja' });
    const join = (token: string, requestId: string) => h.call('POST', '/video-calls', { token, body: { requestId, reservationId: reservation.reservationId } });

    expect((await join(other.token, 'attempt-0001')).body).toMatchObject({ code: 'unknown_reservation' });
    h.clock.set(minutesFromStart(-30));
    expect(await join(issued.token, 'attempt-0002')).toMatchObject({ status: 409, body: { code: 'too_early', details: { opensAt: minutesFromStart(-10) } } });

    const listed = await h.call('GET', '/video-calls/reservations', { token: issued.token });
    expect(listed.body.items).toEqual([expect.objectContaining({ reservationId: reservation.reservationId, join: 'too_early', opensAt: minutesFromStart(-10), receiptNo: reservation.receiptNo })]);
    expect((await h.call('GET', '/video-calls/reservations', { token: other.token })).body.items).toEqual([]);

    h.clock.set(minutesFromStart(-5));
    const started = await join(issued.token, 'attempt-0003');
    expect(started).toMatchObject({ status: 201, body: { callKind: 'reserved', reservationId: reservation.reservationId, receiptNo: reservation.receiptNo } });
    expect(h.contacts.requests.at(-1)!.attributes).toEqual({ receiptNo: reservation.receiptNo, language: 'ja', callKind: 'reserved', reservationId: reservation.reservationId });
    expect(h.intake.sent.filter((s) => s.envelope.kind === 'inbound' && s.envelope.message.providerMessageId.startsWith('video:'))).toEqual([]);

    h.clock.set(minutesFromStart(11));
    expect(await join(issued.token, 'attempt-0004')).toMatchObject({ status: 409, body: { code: 'missed' } });
  });

  it('lets a citizen who booked by phone join from the chat account of the same number', async () => {
    const issued = await h.newAccount('010-8888-9999');
    const { reservation } = await bookReservation(h.reservations.deps, { requestId: 'booking-0002', citizen: { phone: '+82 10 8888 9999' }, slot: SLOT, contactPreference: 'video', language: 'ko' });
    h.clock.set(minutesFromStart(0));
    const started = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'attempt-0001', reservationId: reservation.reservationId } });
    expect(started.status).toBe(201);
  });

  it('answers a malformed body with the field at fault', async () => {
    const issued = await h.newAccount();
    const bad = await h.call('POST', '/video-calls', { token: issued.token, body: { requestId: 'x', reservationId: 'nope' } });
    expect(bad.status).toBe(400);
    expect((bad.body.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['requestId', 'reservationId']);
  });
});
