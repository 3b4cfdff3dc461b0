import type { ReservationDeps } from '../../core/reservations/deps.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface ReservationTaskDeps {
  log: Log;
  reservations: ReservationDeps;
}
