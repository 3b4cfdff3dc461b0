import { StartTaskContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import type { Reservation } from '../../core/reservations/model.ts';
import type { CounsellingTasks } from '../../core/reservations/ports.ts';
import { MAX_TASK_DESCRIPTION_LENGTH, MAX_TASK_NAME_LENGTH, clientTokenFor, clip } from './connect-limits.ts';
import { withConnectRetry, type RetryOptions } from './connect-retry.ts';

export interface ReservationTaskOptions {
  client: ConnectClient;
  instanceId: string;
  /** Flow that sets the working queue (from the `queueId` attribute) and transfers to it. */
  contactFlowId: string;
  /** The sign-language queue; StartTaskContact has no queue parameter, so the flow reads it. */
  queueId: string;
  /** Read-API or console URL of a reservation, shown as a task reference. */
  reservationUrl?: (reservationId: string) => string;
  retry?: RetryOptions;
}

/** The contact attributes the sign-language flow and the agent workspace read. No personal data. */
export function reservationTaskAttributes(reservation: Reservation, queueId: string): Record<string, string> {
  return {
    reservationId: reservation.reservationId,
    receiptNo: reservation.receiptNo,
    language: reservation.language,
    contactPreference: reservation.contactPreference,
    citizenKind: reservation.citizen.kind,
    slot: reservation.slotId,
    queueId,
  };
}

/**
 * Starts the Amazon Connect task of a reservation at its time. ClientToken is the reservation
 * id, so a repeated start (Scheduler retry, second run) returns the same contact. Throttling is
 * retried with jittered backoff; after that the error propagates and Scheduler retries.
 */
export function connectReservationTasks(options: ReservationTaskOptions): CounsellingTasks {
  return {
    async start(reservation) {
      const [date, time] = reservation.slotId.split('T');
      const command = new StartTaskContactCommand({
        InstanceId: options.instanceId,
        ContactFlowId: options.contactFlowId,
        ClientToken: clientTokenFor(reservation.reservationId),
        Name: clip(`[${reservation.receiptNo}] 수어 영상상담 ${date} ${time}`, MAX_TASK_NAME_LENGTH),
        Description: clip(
          `수어 영상상담 예약 ${date} ${time} KST · 연락 방법 ${reservation.contactPreference} · 언어 ${reservation.language} · 시민 ${reservation.citizen.masked}`,
          MAX_TASK_DESCRIPTION_LENGTH,
        ),
        Attributes: reservationTaskAttributes(reservation, options.queueId),
        ...(options.reservationUrl ? { References: { reservation: { Type: 'URL', Value: options.reservationUrl(reservation.reservationId) } } } : {}),
      });
      const out = await withConnectRetry('StartTaskContact', () => options.client.send(command), options.retry);
      if (!out.ContactId) throw new Error('StartTaskContact returned no ContactId');
      return { contactId: out.ContactId };
    },
  };
}
