import { changeStatus } from '../complaint-lifecycle.ts';
import { messageIdFor } from '../ids.ts';
import { maskPersonalData } from '../pii-masking.ts';
import type { ReservationDeps } from './deps.ts';
import { intakeIdentityFor } from './ids.ts';
import type { Reservation } from './model.ts';

/** The complaint is not filed yet (its intake message is still queued): the step is retried later. */
export class ComplaintNotFiledYetError extends Error {
  override readonly name = 'ComplaintNotFiledYetError';
}

/**
 * Closes the complaint a cancelled booking opened, with the cancellation on record, so the
 * citizen's next text opens a complaint of its own instead of joining a dead reservation (in
 * the reservation's language). A complaint the booking only joined, or one the citizen has
 * written more into, is a live conversation and stays open. Idempotent: a closed complaint is
 * left as it is.
 */
export async function closeReservationComplaint(deps: ReservationDeps, reservation: Reservation): Promise<void> {
  const messageId = messageIdFor(intakeIdentityFor(reservation));
  const claim = await deps.complaints.getMessageClaim(messageId);
  if (!claim?.completedAt) throw new ComplaintNotFiledYetError(`reservation ${reservation.reservationId}: its complaint is not filed yet`);
  if (!claim.newComplaint) return;
  const detail = await deps.complaints.getComplaintDetail(claim.complaintId);
  if (!detail || detail.complaint.status === 'closed') return;
  const citizenWroteMore = detail.messages.some((m) => m.direction === 'inbound' && m.messageId !== messageId);
  if (citizenWroteMore) {
    deps.log.info('reservation complaint kept open: the citizen wrote into it', { reservationId: reservation.reservationId, complaintId: claim.complaintId });
    return;
  }
  const cancellation = [...reservation.history].reverse().find((change) => change.to === 'cancelled');
  const why = cancellation?.reason ? `: ${maskPersonalData(cancellation.reason)}` : '';
  await changeStatus(
    { repository: deps.complaints, clock: deps.clock },
    {
      complaintId: claim.complaintId,
      to: 'closed',
      actor: cancellation?.actor ?? 'system',
      reason: `sign-language reservation ${reservation.reservationId} cancelled${why}`.slice(0, 500),
    },
  );
}
