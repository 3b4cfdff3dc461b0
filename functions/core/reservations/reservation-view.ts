import { maskPersonalData } from '../pii-masking.ts';
import type { Reservation } from './model.ts';

/** What the API shows: the citizen only masked, resident numbers and phones in the note masked. */
export function reservationView(r: Reservation) {
  const { citizen, fingerprint: _fingerprint, note, openWork, ...rest } = r;
  return {
    ...rest,
    citizen: { kind: citizen.kind, masked: citizen.masked },
    ...(note ? { note: maskPersonalData(note) } : {}),
    followUpPending: openWork,
  };
}

export type ReservationView = ReturnType<typeof reservationView>;
