import type { ReservationDeps } from '../../core/reservations/deps.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface ReservationsApiDeps {
  log: Log;
  reservations: ReservationDeps;
  /** Locally: the scheduled work the table holds. Absent in AWS, where EventBridge Scheduler holds it. */
  scheduledWork?: { list(reservationId?: string): Promise<unknown[]> };
}
