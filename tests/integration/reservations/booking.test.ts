import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookReservation, type BookReservationInput } from '../../../functions/core/reservations/book-reservation.ts';
import { ReservationRefusedError } from '../../../functions/core/reservations/errors.ts';
import { listAvailableSlots } from '../../../functions/core/reservations/list-slots.ts';
import { cancelReservation, recordNoShow } from '../../../functions/core/reservations/reservation-lifecycle.ts';
import { sweepOpenWork } from '../../../functions/core/reservations/run-work.ts';
import { isFollowUpDone } from '../../../functions/core/reservations/model.ts';
import type { ReservationRepository } from '../../../functions/core/reservations/ports.ts';
import { startHarness, verifiedAccounts, type Harness } from './harness.ts';

const SLOT = '2025-03-10T10:00';
const phone = (n: number) => `010-5555-${String(1000 + n)}`;
const booking = (n: number, overrides: Partial<BookReservationInput> = {}): BookReservationInput => ({
  requestId: `request-${String(n).padStart(4, '0')}`,
  citizen: { phone: phone(n) },
  slot: SLOT,
  contactPreference: 'video',
  language: 'ko',
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<ReservationRefusedError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ReservationRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('sign-language reservations on the embedded DynamoDB', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ chatAccounts: verifiedAccounts('acct-verified') });
  });
  afterEach(async () => h.table.close());

  it('lets exactly two of ten concurrent bookings of a two-seat slot succeed', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => bookReservation(h.reservations.deps, booking(i))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(ok).toHaveLength(2);
    expect(refused).toHaveLength(8);
    for (const reason of refused) expect(reason).toMatchObject({ name: 'ReservationRefusedError', code: 'slot_full' });
    const counter = await h.reservations.deps.repository.getCounter(SLOT);
    expect(counter?.bookedCount).toBe(2);
    expect(Object.keys(counter?.holders ?? {})).toHaveLength(2);
    const slots = await listAvailableSlots(h.reservations.deps, '2025-03-10');
    expect(slots.map((s) => s.slotId)).not.toContain(SLOT);
    expect(slots.find((s) => s.slotId === '2025-03-10T10:30')).toMatchObject({ available: 2, booked: 0 });
  });

  it('makes one reservation when the same request id arrives twice, even concurrently', async () => {
    const [a, b] = await Promise.all([bookReservation(h.reservations.deps, booking(1)), bookReservation(h.reservations.deps, booking(1))]);
    const again = await bookReservation(h.reservations.deps, booking(1));
    expect(a.reservation.reservationId).toBe(b.reservation.reservationId);
    expect(again.reservation.reservationId).toBe(a.reservation.reservationId);
    expect([a.created, b.created, again.created].filter(Boolean)).toHaveLength(1);
    expect(again.reservation.status).toBe('confirmed');
    expect((await h.reservations.deps.repository.getCounter(SLOT))?.bookedCount).toBe(1);
    expect(h.intake.envelopes).toHaveLength(1);
    expect(h.sms.sent.filter((s) => s.idempotencyKey.endsWith(':confirmed'))).toHaveLength(1);
  });

  it('refuses a request id reused for another slot, and a second seat for the same citizen in one slot', async () => {
    await bookReservation(h.reservations.deps, booking(1));
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { slot: '2025-03-10T11:00' })))).code).toBe('request_id_reused');
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { requestId: 'another-request' })))).code).toBe('already_booked');
    // Same number spelled differently is the same citizen.
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { requestId: 'third-request', citizen: { phone: '+82 10 5555 1001' } })))).code).toBe('already_booked');
    expect((await h.reservations.deps.repository.getCounter(SLOT))?.bookedCount).toBe(1);
  });

  it('confirms on the citizen channel, files the complaint intake and records the history', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking(7, { language: 'en', note: 'my RRN is 900101-1234567' }));
    expect(reservation.history.map((c) => c.to)).toEqual(['pending', 'confirmed']);
    const [envelope] = h.intake.envelopes;
    expect(envelope).toMatchObject({
      kind: 'inbound',
      message: { channel: 'sms', provider: 'gateway', providerMessageId: `reservation:${reservation.reservationId}`, citizenHandle: '+821055551007', citizenHandleKind: 'phone' },
    });
    const [sms] = h.sms.sent;
    expect(sms?.to).toBe('+821055551007');
    expect(sms?.body).toContain(`Receipt ${reservation.receiptNo}`);
    const stored = await h.reservations.deps.repository.get(reservation.reservationId);
    expect(stored?.openWork).toBe(false);
    expect(stored?.followUp).toHaveProperty('complaintQueued');
    for (const line of h.log.lines) expect(JSON.stringify(line)).not.toMatch(/5555|1234567/);
  });

  it('refuses an unverified chat account and books a verified one with chat contact', async () => {
    expect((await refusal(bookReservation(h.reservations.deps, booking(2, { citizen: { chatAccountId: 'acct-unknown' }, contactPreference: 'chat' })))).code).toBe('invalid_citizen');
    const { reservation } = await bookReservation(h.reservations.deps, booking(2, { citizen: { chatAccountId: 'acct-verified' }, contactPreference: 'chat' }));
    expect(reservation.status).toBe('confirmed');
    expect(h.intake.envelopes[0]).toMatchObject({ kind: 'inbound', message: { channel: 'chat', citizenHandleKind: 'chat-account' } });
    // No chat notifier is wired: the notice stays owed instead of being dropped.
    const stored = await h.reservations.deps.repository.get(reservation.reservationId);
    expect(stored?.openWork).toBe(true);
    expect(isFollowUpDone(stored?.followUp ?? {}, 'notified:confirmed')).toBe(false);
  });

  it('gives the seat back on cancellation so another citizen can book it', async () => {
    const first = await bookReservation(h.reservations.deps, booking(1));
    await bookReservation(h.reservations.deps, booking(2));
    expect((await refusal(bookReservation(h.reservations.deps, booking(3)))).code).toBe('slot_full');
    const cancelled = await cancelReservation(h.reservations.deps, { reservationId: first.reservation.reservationId, actor: 'citizen', reason: 'cannot come' });
    expect(cancelled.reservation.status).toBe('cancelled');
    const again = await cancelReservation(h.reservations.deps, { reservationId: first.reservation.reservationId, actor: 'citizen' });
    expect(again.changed).toBe(false);
    expect((await h.reservations.deps.repository.getCounter(SLOT))?.bookedCount).toBe(1);
    const third = await bookReservation(h.reservations.deps, booking(4));
    expect(third.reservation.status).toBe('confirmed');
    expect(h.sms.sent.filter((s) => s.idempotencyKey === `${first.reservation.reservationId}:cancelled`)).toHaveLength(1);
    const work = await h.reservations.scheduledWork.list(first.reservation.reservationId);
    // Booked the same morning: no 24 h reminder, so a 1 h reminder and the task start.
    expect(work.map((w) => [w.kind, w.state])).toEqual([['reminder', 'cancelled'], ['start-task', 'cancelled']]);
  });

  it('converges when the process dies between claiming the seat and confirming, then the client retries', async () => {
    const repo = h.reservations.deps.repository;
    const realTransition = repo.transition.bind(repo);
    let crashes = 1;
    const crashing: ReservationRepository = {
      ...repo,
      transition: async (t) => {
        if (crashes-- > 0) throw new Error('process killed');
        return realTransition(t);
      },
    };
    await expect(bookReservation({ ...h.reservations.deps, repository: crashing }, booking(1))).rejects.toThrow('process killed');
    expect((await repo.getCounter(SLOT))?.bookedCount).toBe(1);
    const retried = await bookReservation(h.reservations.deps, booking(1));
    expect(retried.reservation.status).toBe('confirmed');
    expect(retried.created).toBe(false);
    expect((await repo.getCounter(SLOT))?.bookedCount).toBe(1);
  });

  it('frees the seat of a booking abandoned after the claim: the next booking of the full slot repairs it', async () => {
    const repo = h.reservations.deps.repository;
    const dying: ReservationRepository = { ...repo, transition: async () => { throw new Error('process killed'); } };
    await expect(bookReservation({ ...h.reservations.deps, repository: dying }, booking(1))).rejects.toThrow();
    await bookReservation(h.reservations.deps, booking(2));
    // Within the grace period the pending booking keeps its seat.
    expect((await refusal(bookReservation(h.reservations.deps, booking(3)))).code).toBe('slot_full');
    h.clock.set('2025-03-09T23:30:00.000Z');
    const late = await bookReservation(h.reservations.deps, booking(4));
    expect(late.reservation.status).toBe('confirmed');
    const abandoned = (await repo.listByDay('2025-03-10')).find((r) => r.requestId === booking(1).requestId);
    expect(abandoned?.status).toBe('expired');
    expect((await repo.getCounter(SLOT))?.bookedCount).toBe(2);
    // The abandoned client's retry is told to start again, and takes no seat.
    expect((await refusal(bookReservation(h.reservations.deps, booking(1)))).code).toBe('expired');
    expect((await repo.getCounter(SLOT))?.bookedCount).toBe(2);
  });

  it('lets the sweeper expire an abandoned booking and finish follow-up a crash left open', async () => {
    const repo = h.reservations.deps.repository;
    const dying: ReservationRepository = { ...repo, transition: async () => { throw new Error('process killed'); } };
    await expect(bookReservation({ ...h.reservations.deps, repository: dying }, booking(1))).rejects.toThrow();
    const failingIntake = { send: async () => { throw new Error('queue down'); } };
    const confirmed = await bookReservation({ ...h.reservations.deps, intake: failingIntake }, booking(2));
    expect(confirmed.reservation.status).toBe('confirmed');
    expect(h.intake.envelopes).toHaveLength(0);
    h.clock.set('2025-03-09T23:30:00.000Z');
    const counts = await sweepOpenWork(h.reservations.deps);
    expect(counts).toMatchObject({ expired: 1, settled: 2 });
    expect((await repo.getCounter(SLOT))?.bookedCount).toBe(1);
    expect(h.intake.envelopes).toHaveLength(1);
    expect(await repo.listOpenWork('9999', 10)).toEqual([]);
  });

  it('records a no-show only once the slot has started, with the counselor in the history', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking(1));
    await expect(recordNoShow(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'counselor:kim' })).rejects.toMatchObject({ name: 'ReservationStateError' });
    h.clock.set('2025-03-10T01:15:00.000Z');
    const result = await recordNoShow(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'counselor:kim', reason: 'did not join the call' });
    expect(result.reservation.status).toBe('no_show');
    expect(result.reservation.history.at(-1)).toMatchObject({ from: 'confirmed', to: 'no_show', actor: 'counselor:kim', reason: 'did not join the call' });
    await expect(cancelReservation(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'citizen' })).rejects.toMatchObject({ name: 'ReservationStateError' });
  });

  it('refuses slots inside the lead time, off the grid and on closed days', async () => {
    h.clock.set('2025-03-09T23:30:00.000Z');
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { slot: '2025-03-10T09:00' })))).code).toBe('not_bookable');
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { slot: '2025-03-10T10:10' })))).code).toBe('not_bookable');
    expect((await refusal(bookReservation(h.reservations.deps, booking(1, { slot: '2025-03-15T10:00' })))).code).toBe('not_bookable');
    expect(await h.reservations.deps.repository.listByDay('2025-03-10')).toEqual([]);
  });
});
