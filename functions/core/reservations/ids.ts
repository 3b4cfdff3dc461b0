import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { crockfordBase32, digestOf } from '../ids.ts';
import type { Reservation, ScheduledWorkItem } from './model.ts';

/**
 * Reservation id: deterministic from the citizen and their request id, so a retried POST (or
 * a retry after a crash at any step) lands on the same items, and one citizen's request id can
 * never collide with another's.
 */
export function reservationIdFor(citizenHash: string, requestId: string): string {
  return `rsv_${crockfordBase32(digestOf('reservation', citizenHash, requestId)).slice(0, 24).toLowerCase()}`;
}

/** Channel, provider and provider id of a reservation's intake message: what its message id derives from. */
export function intakeIdentityFor(r: Pick<Reservation, 'reservationId' | 'citizen'>): Pick<InboundMessage, 'channel' | 'provider' | 'providerMessageId'> {
  return { channel: r.citizen.kind === 'chat-account' ? 'chat' : 'sms', provider: 'gateway', providerMessageId: `reservation:${r.reservationId}` };
}

export function isReservationId(value: string): boolean {
  return /^rsv_[0-9a-hjkmnp-tv-z]{24}$/.test(value);
}

export function fingerprintOf(parts: { slotId: string; contactPreference: string; language: string; note?: string }): string {
  return crockfordBase32(digestOf('reservation-request', parts.slotId, parts.contactPreference, parts.language, parts.note ?? '')).slice(0, 16);
}

export const REMINDER_LEADS = [
  { label: '24h', minutes: 24 * 60 },
  { label: '1h', minutes: 60 },
] as const;

/**
 * The one-time work of a confirmed reservation: reminders still in the future, and the start
 * of the counselling task at the reserved time. Names fit EventBridge schedule names.
 */
export function workFor(reservation: { reservationId: string; startsAt: string }, now: Date): ScheduledWorkItem[] {
  const start = Date.parse(reservation.startsAt);
  const items: ScheduledWorkItem[] = [];
  for (const lead of REMINDER_LEADS) {
    const due = start - lead.minutes * 60_000;
    if (due > now.getTime()) {
      items.push({ workId: `${reservation.reservationId}-remind-${lead.label}`, reservationId: reservation.reservationId, kind: 'reminder', dueAt: new Date(due).toISOString() });
    }
  }
  items.push({ workId: `${reservation.reservationId}-start`, reservationId: reservation.reservationId, kind: 'start-task', dueAt: new Date(start).toISOString() });
  return items;
}

/** Every work id a reservation may have scheduled, for cancellation. */
export function allWorkIdsFor(reservationId: string): string[] {
  return [...REMINDER_LEADS.map((lead) => `${reservationId}-remind-${lead.label}`), `${reservationId}-start`];
}
