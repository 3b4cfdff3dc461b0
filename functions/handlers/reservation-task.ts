import middy from '@middy/core';
import { ReservationWorkSchema } from '../../schemas/reservation-api.ts';
import { runReservationWork, type WorkOutcome } from '../core/reservations/run-work.ts';
import { lazy } from './shared/lazy.ts';
import { reservationTaskDeps } from '../wiring/aws/reservations-task.ts';
import type { ReservationTaskDeps } from '../wiring/deps/reservation-task.ts';

/**
 * Target of the reservations' EventBridge schedules (and of the sweep schedule): the event is
 * the schedule's input. A failure is thrown so Scheduler retries it; a payload that can never
 * be valid is logged and dropped instead, since retrying it cannot help.
 */
export function createReservationTaskHandler(getDeps: () => Promise<ReservationTaskDeps>) {
  const base = async (event: unknown): Promise<{ outcome: WorkOutcome | 'invalid' }> => {
    const deps = await getDeps();
    const work = ReservationWorkSchema.safeParse(event);
    if (!work.success) {
      deps.log.error('reservation work payload invalid', { issues: work.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
      return { outcome: 'invalid' };
    }
    const outcome = await runReservationWork(deps.reservations, work.data);
    // The sweep runs on a schedule whether or not anything is open: an idle run is not news.
    if (outcome !== 'idle') deps.log.info('reservation work ran', { kind: work.data.kind, outcome, ...('workId' in work.data ? { workId: work.data.workId } : {}) });
    return { outcome };
  };
  return middy(base);
}

export const handler = createReservationTaskHandler(lazy(reservationTaskDeps));
