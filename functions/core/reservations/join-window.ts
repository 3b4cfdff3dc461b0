import type { Reservation } from './model.ts';

/** A reserved video call can be joined from this long before the slot starts. */
export const JOIN_OPENS_BEFORE_START_MS = 10 * 60_000;
/** No join within this long of the slot start makes the reservation a no-show. */
export const NO_SHOW_AFTER_START_MS = 10 * 60_000;

export type JoinWindow =
  | { state: 'open' }
  | { state: 'too_early'; opensAt: string }
  /** Never joined, and the grace after the start has passed: a no-show. */
  | { state: 'missed' }
  /** Joined before, and the slot is over. */
  | { state: 'ended' }
  | { state: 'not_joinable'; status: Reservation['status'] };

/**
 * Whether the citizen may start (or restart, after a dropped connection) the video call of a
 * reservation now. A confirmed reservation opens 10 minutes before its start and closes 10
 * minutes after it; once kept (a counselor answered) the citizen may call again until the slot ends.
 */
export function joinWindow(reservation: Pick<Reservation, 'status' | 'startsAt' | 'endsAt'>, now: Date): JoinWindow {
  const start = Date.parse(reservation.startsAt);
  const at = now.getTime();
  if (reservation.status === 'kept') return at <= Date.parse(reservation.endsAt) ? { state: 'open' } : { state: 'ended' };
  if (reservation.status !== 'confirmed') return { state: 'not_joinable', status: reservation.status };
  if (at < start - JOIN_OPENS_BEFORE_START_MS) return { state: 'too_early', opensAt: joinOpensAt(reservation) };
  if (at > start + NO_SHOW_AFTER_START_MS) return { state: 'missed' };
  return { state: 'open' };
}

/** The earliest instant a counselor may record a no-show: the join grace after the start. */
export function noShowFrom(reservation: Pick<Reservation, 'startsAt'>): number {
  return Date.parse(reservation.startsAt) + NO_SHOW_AFTER_START_MS;
}

/** When the video call of a reservation can first be joined. */
export function joinOpensAt(reservation: Pick<Reservation, 'startsAt'>): string {
  return new Date(Date.parse(reservation.startsAt) - JOIN_OPENS_BEFORE_START_MS).toISOString();
}
