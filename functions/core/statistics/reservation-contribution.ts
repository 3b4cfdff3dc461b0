import type { Reservation } from '../reservations/model.ts';
import { counters } from './counters.ts';
import type { Contribution } from './model.ts';

/**
 * A sign-language reservation on the KST day of its slot: kept once its counselling task was
 * started at the reserved time and no no-show was recorded; no-show; cancelled; upcoming while
 * confirmed and not started yet. Pending, rejected and expired bookings never held a slot.
 */
export function reservationContribution(reservation: Pick<Reservation, 'reservationId' | 'slotId' | 'status' | 'task'>): Contribution {
  const outcome =
    reservation.status === 'confirmed'
      ? reservation.task
        ? 'kept'
        : 'upcoming'
      : reservation.status === 'no_show'
        ? 'noShow'
        : reservation.status === 'cancelled'
          ? 'cancelled'
          : null;
  return {
    ref: { kind: 'reservation', reservationId: reservation.reservationId },
    entityId: reservation.reservationId,
    bucket: { day: reservation.slotId.slice(0, 10), kind: 'reservations' },
    counters: counters(outcome ? { reservations: 1, [outcome]: 1 } : {}),
  };
}
