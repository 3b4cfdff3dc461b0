import type { ReservationTaskDeps } from '../deps/reservation-task.ts';
import { reservationDeps } from './reservations.ts';
import { log } from './log-and-clock.ts';

export async function reservationTaskDeps(): Promise<ReservationTaskDeps> {
  return { log, reservations: await reservationDeps() };
}
