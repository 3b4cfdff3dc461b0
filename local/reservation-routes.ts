import type { Log } from '../functions/core/ports/runtime.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { LocalReservations } from './reservations.ts';
import type { Router } from './router.ts';

/**
 * Sign-language reservations: the API Lambda's routes, and a timer playing EventBridge
 * Scheduler's part (reminders and Connect tasks when due). Returns the timer's stop.
 */
export function mountReservationRoutes(router: Router<LocalTarget>, reservations: LocalReservations, work: { intervalMs: number; log: Log }): () => void {
  const api = lambdaTarget('reservations-api', reservations.apiHandler);
  router.addRoutes(reservations.routes, api);
  const timer = setInterval(() => {
    reservations.runDueWork().catch((error: unknown) => work.log.error('reservation work failed', describeError(error)));
  }, work.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
