import type { BookReservationBody } from '../../../schemas/reservation-api.ts';
import { InvalidHandleError, normalizeHandle } from '../citizen-handle.ts';
import type { ProtectedHandle } from '../model.ts';
import { protectHandle } from '../protect-handle.ts';
import type { ReservationDeps } from './deps.ts';
import { ReservationRefusedError } from './errors.ts';
import { receiptNoForReservation, settleReservation } from './follow-up.ts';
import { fingerprintOf, reservationIdFor } from './ids.ts';
import type { Reservation, ReservationStatusChange } from './model.ts';
import { repairSlot } from './repair-slot.ts';
import { InvalidSlotError, bookingWindowProblem, slotById } from './slot-schedule.ts';

export type BookReservationInput = BookReservationBody;

export interface BookingResult {
  reservation: Reservation;
  /** False when the request repeated an earlier one (same citizen and requestId). */
  created: boolean;
}

/** Claim rounds: a full slot is repaired once, a citizen's stale hold taken over once. */
const MAX_CLAIM_ROUNDS = 3;

async function citizenOf(deps: ReservationDeps, input: BookReservationInput): Promise<ProtectedHandle> {
  try {
    if ('phone' in input.citizen) {
      normalizeHandle('phone', input.citizen.phone);
      return protectHandle(deps.pii, 'phone', input.citizen.phone);
    }
    const accountId = normalizeHandle('chat-account', input.citizen.chatAccountId);
    const account = deps.chatAccounts ? await deps.chatAccounts.findVerified(accountId) : null;
    if (!account) throw new ReservationRefusedError('invalid_citizen', 'no verified chat account with that id');
    return protectHandle(deps.pii, 'chat-account', account.accountId);
  } catch (error) {
    if (error instanceof InvalidHandleError) throw new ReservationRefusedError('invalid_citizen', `phone is not usable: ${error.message}`);
    throw error;
  }
}

function contactProblem(citizen: ProtectedHandle, preference: BookReservationInput['contactPreference']): string | null {
  if (preference === 'sms' && citizen.kind !== 'phone') return 'sms contact needs a phone citizen';
  if (preference === 'chat' && citizen.kind !== 'chat-account') return 'chat contact needs a chat account';
  return null;
}

/**
 * Books a seat in a slot. Write order, every write conditional and safe to repeat:
 *   1. the reservation, `pending`, under an id derived from citizen + requestId;
 *   2. the seat: one conditional update of the slot counter (capacity and one-seat-per-citizen);
 *   3. `pending` -> `confirmed` (or -> `rejected` when there was no seat);
 *   4. follow-up: complaint intake, scheduled work, confirmation notice (settleReservation).
 * A retry with the same requestId resumes wherever an earlier attempt stopped. A booking
 * abandoned between 2 and 3 is expired by the sweeper (or by the next booking that finds the
 * slot full), which gives its seat back: capacity never leaks for good.
 */
export async function bookReservation(deps: ReservationDeps, input: BookReservationInput): Promise<BookingResult> {
  const now = deps.clock.now();
  let slot;
  try {
    slot = slotById(deps.schedule, input.slot);
  } catch (error) {
    if (error instanceof InvalidSlotError) throw new ReservationRefusedError('not_bookable', error.message);
    throw error;
  }
  const citizen = await citizenOf(deps, input);
  const contact = contactProblem(citizen, input.contactPreference);
  if (contact) throw new ReservationRefusedError('invalid_citizen', contact);

  const reservationId = reservationIdFor(citizen.hash, input.requestId);
  const fingerprint = fingerprintOf({ slotId: slot.slotId, contactPreference: input.contactPreference, language: input.language, ...(input.note ? { note: input.note } : {}) });

  let reservation = await deps.repository.get(reservationId);
  let created = false;
  if (!reservation) {
    const window = bookingWindowProblem(deps.schedule, slot, now);
    if (window) throw new ReservationRefusedError('not_bookable', window);
    const at = now.toISOString();
    const fresh: Reservation = {
      reservationId,
      requestId: input.requestId,
      fingerprint,
      citizen,
      slotId: slot.slotId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      contactPreference: input.contactPreference,
      language: input.language,
      ...(input.note ? { note: input.note } : {}),
      receiptNo: receiptNoForReservation({ reservationId, citizen, createdAt: at }),
      status: 'pending',
      history: [{ at, from: null, to: 'pending', actor: 'citizen' }],
      followUp: {},
      openWork: true,
      createdAt: at,
      updatedAt: at,
    };
    created = await deps.repository.create(fresh);
    reservation = created ? fresh : await deps.repository.get(reservationId);
    if (!reservation) throw new Error(`reservation ${reservationId} vanished after a conflicting create`);
  }
  if (reservation.fingerprint !== fingerprint) {
    throw new ReservationRefusedError('request_id_reused', 'this requestId was already used for a different booking', reservationId);
  }

  if (reservation.status === 'pending') reservation = await claimAndConfirm(deps, reservation, slot.capacity);
  if (reservation.status !== 'pending') await settleReservation(deps, reservation);
  deps.log.info('reservation booked', { reservationId, slotId: reservation.slotId, status: reservation.status, created });
  if (reservation.status === 'rejected') {
    const code = reservation.statusReason === 'already_booked' ? 'already_booked' : 'slot_full';
    throw new ReservationRefusedError(code, code === 'slot_full' ? 'no seat left in that slot' : 'you already hold a reservation in that slot', reservationId);
  }
  if (reservation.status === 'expired') throw new ReservationRefusedError('expired', 'this booking was abandoned and expired; book again with a new requestId', reservationId);
  return { reservation, created };
}

async function claimAndConfirm(deps: ReservationDeps, reservation: Reservation, capacity: number): Promise<Reservation> {
  const { reservationId, slotId, citizen } = reservation;
  for (let round = 1; ; round += 1) {
    const claim = await deps.repository.claimSeat(slotId, citizen.hash, reservationId, capacity);
    if (claim.outcome === 'claimed' || claim.outcome === 'already-held') {
      const confirmed = await finish(deps, reservation, 'confirmed');
      // Expired meanwhile by a sweeper that thought the booking abandoned: hand the seat back.
      if (confirmed.status === 'expired') await deps.repository.releaseSeat(slotId, citizen.hash, reservationId);
      return confirmed;
    }
    // Dead holders (abandoned, cancelled before their release ran) are freed, then one more try.
    const freed = round < MAX_CLAIM_ROUNDS ? await repairSlot(deps, slotId) : 0;
    if (freed > 0) continue;
    return finish(deps, reservation, 'rejected', claim.outcome === 'full' ? 'slot_full' : 'already_booked');
  }
}

async function finish(deps: ReservationDeps, reservation: Reservation, to: 'confirmed' | 'rejected', reason?: string): Promise<Reservation> {
  const change: ReservationStatusChange = { at: deps.clock.now().toISOString(), from: 'pending', to, actor: 'system', ...(reason ? { reason } : {}) };
  const moved = await deps.repository.transition({ reservationId: reservation.reservationId, from: ['pending'], change });
  if (moved) return moved;
  const current = await deps.repository.get(reservation.reservationId);
  if (!current) throw new Error(`reservation ${reservation.reservationId} vanished`);
  return current;
}
