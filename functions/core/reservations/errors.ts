/** Booking and lifecycle refusals; handlers map them to 4xx. Messages are safe to show. */
export class ReservationRefusedError extends Error {
  override readonly name = 'ReservationRefusedError';
  constructor(
    readonly code: 'slot_full' | 'already_booked' | 'request_id_reused' | 'expired' | 'invalid_citizen' | 'not_bookable',
    message: string,
    readonly reservationId?: string,
  ) {
    super(message);
  }
}

export class ReservationNotFoundError extends Error {
  override readonly name = 'ReservationNotFoundError';
  constructor(readonly reservationId: string) {
    super(`reservation ${reservationId} not found`);
  }
}

export class ReservationStateError extends Error {
  override readonly name = 'ReservationStateError';
  constructor(
    readonly status: string,
    action: string,
  ) {
    super(`a ${status} reservation cannot be ${action}`);
  }
}
