import type { ReservationDeps } from './deps.ts';
import { pendingGraceOf } from './deps.ts';
import type { Reservation } from './model.ts';

/**
 * Frees the seats of a slot whose holders no longer need them: reservations cancelled or
 * expired whose release did not run, and pending bookings older than the grace period
 * (expired first, so a late confirmation of theirs fails and gives the seat back itself).
 * Runs when a booking finds the slot full, so a leaked seat costs at most one extra read.
 * Returns the number of seats freed.
 */
export async function repairSlot(deps: ReservationDeps, slotId: string): Promise<number> {
  const counter = await deps.repository.getCounter(slotId);
  if (!counter) return 0;
  const holders = Object.entries(counter.holders);
  if (holders.length === 0) return 0;
  const reservations = new Map((await deps.repository.getMany(holders.map(([, id]) => id))).map((r) => [r.reservationId, r]));
  const staleBefore = deps.clock.now().getTime() - pendingGraceOf(deps);
  let freed = 0;
  for (const [citizenHash, reservationId] of holders) {
    const reservation = reservations.get(reservationId);
    if (reservation && !(await isDead(deps, reservation, staleBefore))) continue;
    if (await deps.repository.releaseSeat(slotId, citizenHash, reservationId)) {
      freed += 1;
      deps.log.info('reservation seat repaired', { slotId, reservationId, status: reservation?.status ?? 'missing' });
    }
  }
  return freed;
}

async function isDead(deps: ReservationDeps, reservation: Reservation, staleBefore: number): Promise<boolean> {
  if (reservation.status === 'cancelled' || reservation.status === 'expired' || reservation.status === 'rejected') return true;
  if (reservation.status !== 'pending' || Date.parse(reservation.updatedAt) > staleBefore) return false;
  const expired = await expireStalePending(deps, reservation);
  return expired.status === 'expired';
}

/** pending -> expired, conditional on it still being pending. Returns the current reservation. */
export async function expireStalePending(deps: ReservationDeps, reservation: Reservation): Promise<Reservation> {
  const moved = await deps.repository.transition({
    reservationId: reservation.reservationId,
    from: ['pending'],
    change: { at: deps.clock.now().toISOString(), from: 'pending', to: 'expired', actor: 'system', reason: 'abandoned while pending' },
  });
  return moved ?? (await deps.repository.get(reservation.reservationId)) ?? reservation;
}
