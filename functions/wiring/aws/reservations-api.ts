import type { ReservationsApiDeps } from '../deps/reservations-api.ts';
import { reservationDeps } from './reservations.ts';
import { log } from './log-and-clock.ts';

export async function reservationsApiDeps(): Promise<ReservationsApiDeps> {
  return { log, reservations: await reservationDeps() };
}
