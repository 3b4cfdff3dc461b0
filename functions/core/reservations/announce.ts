import type { ReservationDeps } from './deps.ts';
import type { Reservation } from './model.ts';

/**
 * Tells the event port a reservation changed (statistics: kept, no-show, cancelled). At least
 * once and never in the way: a failed publish is logged, and the daily reconciliation recounts
 * the day from the reservations themselves.
 */
export async function announceReservation(deps: Pick<ReservationDeps, 'events' | 'clock' | 'log'>, reservation: Pick<Reservation, 'reservationId' | 'status'>): Promise<void> {
  if (!deps.events) return;
  try {
    await deps.events.publish([{ type: 'reservation.changed', reservationId: reservation.reservationId, status: reservation.status, at: deps.clock.now().toISOString() }]);
  } catch (error) {
    deps.log.warn('reservation change not announced', { reservationId: reservation.reservationId, errorName: error instanceof Error ? error.name : 'unknown' });
  }
}
