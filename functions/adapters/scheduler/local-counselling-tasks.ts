import type { CounsellingTasks } from '../../core/reservations/ports.ts';
import type { Log } from '../../core/ports/runtime.ts';

/**
 * Locally there is no Amazon Connect: the "task" is a log line and an id recorded on the
 * reservation, which the reservations API shows. Deterministic, like ClientToken in AWS.
 */
export function localCounsellingTasks(log: Log): CounsellingTasks {
  return {
    async start(reservation) {
      const contactId = `local-task-${reservation.reservationId}`;
      log.info('local counselling task created', { reservationId: reservation.reservationId, contactId, receiptNo: reservation.receiptNo });
      return { contactId };
    },
  };
}
