import type { ReservationDeps } from './deps.ts';
import { ReservationNotFoundError, ReservationStateError } from './errors.ts';
import { settleReservation } from './follow-up.ts';
import { noShowFrom } from './join-window.ts';
import type { Reservation, ReservationStatus } from './model.ts';
import type { ReservationRepository } from './ports.ts';

export interface ReservationAction {
  reservationId: string;
  /** citizen, counselor:<id> */
  actor: string;
  reason?: string;
}

async function move(deps: ReservationDeps, action: ReservationAction, from: readonly ReservationStatus[], to: ReservationStatus, verb: string): Promise<{ reservation: Reservation; changed: boolean }> {
  const current = await deps.repository.get(action.reservationId);
  if (!current) throw new ReservationNotFoundError(action.reservationId);
  // Repeating the action is answered with the same result, and finishes its follow-up.
  if (current.status === to) {
    await settleReservation(deps, current);
    return { reservation: current, changed: false };
  }
  if (!from.includes(current.status)) throw new ReservationStateError(current.status, verb);
  const moved = await deps.repository.transition({
    reservationId: action.reservationId,
    from,
    change: { at: deps.clock.now().toISOString(), from: current.status, to, actor: action.actor, ...(action.reason ? { reason: action.reason } : {}) },
  });
  if (!moved) return move(deps, action, from, to, verb);
  deps.log.info('reservation status changed', { reservationId: moved.reservationId, from: current.status, to, actor: action.actor.split(':')[0] });
  await settleReservation(deps, moved);
  return { reservation: moved, changed: true };
}

/** Cancels a booking and gives its seat back; the citizen is told if they were told of it. */
export function cancelReservation(deps: ReservationDeps, action: ReservationAction) {
  return move(deps, action, ['pending', 'confirmed'], 'cancelled', 'cancelled');
}

/**
 * Counselor's record that the citizen did not come: only once the citizen can no longer join the
 * video call (10 minutes after the start, join-window.ts).
 */
export async function recordNoShow(deps: ReservationDeps, action: ReservationAction) {
  const current = await deps.repository.get(action.reservationId);
  if (!current) throw new ReservationNotFoundError(action.reservationId);
  if (current.status === 'confirmed' && noShowFrom(current) > deps.clock.now().getTime()) {
    throw new ReservationStateError('still joinable', 'marked as no-show while the citizen may still join');
  }
  return move(deps, action, ['confirmed'], 'no_show', 'marked as no-show');
}

export type KeptOutcome = 'kept' | 'already-kept' | 'not-confirmed' | 'missing';

/**
 * The citizen's video call reached a counselor: confirmed -> kept, one conditional update.
 * Called from contact events, which carry no reservation deps: the change opens follow-up work
 * (cancelling the start task and reminders) that the reservations sweeper settles.
 */
export async function markReservationKept(
  repository: Pick<ReservationRepository, 'get' | 'transition'>,
  change: { reservationId: string; at: string; actor: string; reason: string },
): Promise<KeptOutcome> {
  const moved = await repository.transition({
    reservationId: change.reservationId,
    from: ['confirmed'],
    change: { at: change.at, from: 'confirmed', to: 'kept', actor: change.actor, reason: change.reason },
  });
  if (moved) return 'kept';
  const current = await repository.get(change.reservationId);
  if (!current) return 'missing';
  return current.status === 'kept' ? 'already-kept' : 'not-confirmed';
}
