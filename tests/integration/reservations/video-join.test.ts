import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookReservation } from '../../../functions/core/reservations/book-reservation.ts';
import { joinWindow } from '../../../functions/core/reservations/join-window.ts';
import { markReservationKept, recordNoShow } from '../../../functions/core/reservations/reservation-lifecycle.ts';
import { runReservationWork, sweepOpenWork } from '../../../functions/core/reservations/run-work.ts';
import { startHarness, type Harness } from './harness.ts';

const booking = { requestId: 'video-join-0001', citizen: { phone: '010-5555-2001' }, slot: '2025-03-10T10:00', contactPreference: 'video' as const, language: 'ko' as const };
// 10:00 KST on Monday 2025-03-10.
const START = '2025-03-10T01:00:00.000Z';
const at = (minutesFromStart: number) => new Date(Date.parse(START) + minutesFromStart * 60_000);

describe('joining the video call of a reservation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.table.close());

  it('opens 10 minutes before the start and closes 10 minutes after it; a kept reservation may call again until the slot ends', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking);
    expect(joinWindow(reservation, at(-11))).toEqual({ state: 'too_early', opensAt: at(-10).toISOString() });
    expect(joinWindow(reservation, at(-10))).toEqual({ state: 'open' });
    expect(joinWindow(reservation, at(10))).toEqual({ state: 'open' });
    expect(joinWindow(reservation, at(11))).toEqual({ state: 'missed' });
    const kept = { ...reservation, status: 'kept' as const };
    expect(joinWindow(kept, at(25))).toEqual({ state: 'open' });
    expect(joinWindow(kept, at(31))).toEqual({ state: 'ended' });
    expect(joinWindow({ ...reservation, status: 'cancelled' }, at(0))).toEqual({ state: 'not_joinable', status: 'cancelled' });
  });

  it('refuses a no-show while the citizen may still join (10 minutes after the start), and records it after', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking);
    h.clock.set(at(5).toISOString());
    await expect(recordNoShow(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'counselor:kim' })).rejects.toMatchObject({ name: 'ReservationStateError' });
    h.clock.set(at(11).toISOString());
    const result = await recordNoShow(h.reservations.deps, { reservationId: reservation.reservationId, actor: 'counselor:kim' });
    expect(result.reservation.status).toBe('no_show');
  });

  it('marks the reservation kept once (the counselor in the history), never a cancelled one, and a kept one runs no task at its start', async () => {
    const { reservation } = await bookReservation(h.reservations.deps, booking);
    const other = await bookReservation(h.reservations.deps, { ...booking, requestId: 'video-join-0002', citizen: { phone: '010-5555-2002' } });
    const repository = h.reservations.deps.repository;
    h.clock.set(at(-5).toISOString());
    const change = { reservationId: reservation.reservationId, at: at(-5).toISOString(), actor: 'counselor:agent-1', reason: 'video call connected' };
    expect(await markReservationKept(repository, change)).toBe('kept');
    expect(await markReservationKept(repository, change)).toBe('already-kept');
    const kept = await repository.get(reservation.reservationId);
    expect(kept?.status).toBe('kept');
    expect(kept?.history.filter((entry) => entry.to === 'kept')).toEqual([{ at: at(-5).toISOString(), from: 'confirmed', to: 'kept', actor: 'counselor:agent-1', reason: 'video call connected' }]);

    h.clock.set(at(0).toISOString());
    expect(await runReservationWork(h.reservations.deps, { kind: 'start-task', reservationId: reservation.reservationId, workId: `${reservation.reservationId}-start` })).toBe('skipped');
    // The sweeper finishes what `kept` owes: the scheduled work is cancelled.
    h.clock.set(at(20).toISOString());
    await sweepOpenWork(h.reservations.deps);
    expect((await repository.get(reservation.reservationId))?.openWork).toBe(false);
    const work = await h.reservations.scheduledWork.list(reservation.reservationId);
    expect(work.length).toBeGreaterThan(0);
    expect(work.map((item) => item.state)).toEqual(work.map(() => 'cancelled'));

    await h.reservations.deps.repository.transition({ reservationId: other.reservation.reservationId, from: ['confirmed'], change: { at: at(-1).toISOString(), from: 'confirmed', to: 'cancelled', actor: 'citizen' } });
    expect(await markReservationKept(repository, { ...change, reservationId: other.reservation.reservationId })).toBe('not-confirmed');
    expect(await markReservationKept(repository, { ...change, reservationId: 'rsv_0000000000000000000000000' })).toBe('missing');
  });
});
