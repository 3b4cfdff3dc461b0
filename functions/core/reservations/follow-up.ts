import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { receiptNoFor } from '../receipt.ts';
import { pendingGraceOf, type ReservationDeps } from './deps.ts';
import { allWorkIdsFor, intakeIdentityFor, workFor } from './ids.ts';
import { isFollowUpDone, type Reservation } from './model.ts';
import { closeReservationComplaint } from './close-complaint.ts';
import { intakeText, reservationNotice } from './templates.ts';

/**
 * The intake message that files a reservation as a complaint. Its provider id is derived from
 * the reservation, and its time is the reservation's creation, so every retry enqueues the very
 * same message: the pipeline stores it once and threads it into the citizen's open complaint
 * on that channel, or founds one. Its receipt number is known before the pipeline runs.
 */
export function intakeMessageFor(r: Pick<Reservation, 'reservationId' | 'citizen' | 'slotId' | 'contactPreference' | 'language' | 'note' | 'createdAt'>, clearHandle: string): InboundMessage {
  const [date = '', time = ''] = r.slotId.split('T');
  return {
    ...intakeIdentityFor(r),
    citizenHandle: clearHandle,
    citizenHandleKind: r.citizen.kind,
    text: intakeText(r.language, { date, time, contactPreference: r.contactPreference, ...(r.note ? { note: r.note } : {}) }),
    media: [],
    receivedAt: r.createdAt,
  };
}

export function receiptNoForReservation(r: Pick<Reservation, 'reservationId' | 'citizen' | 'createdAt'>): string {
  return receiptNoFor({ ...intakeIdentityFor(r), receivedAt: r.createdAt });
}

function facts(r: Reservation) {
  const [date = '', time = ''] = r.slotId.split('T');
  return { date, time, receiptNo: r.receiptNo, contactPreference: r.contactPreference };
}

type Step = { key: string; run: () => Promise<void> };

function stepsFor(deps: ReservationDeps, r: Reservation): Step[] {
  const id = r.reservationId;
  switch (r.status) {
    case 'confirmed':
      return [
        {
          key: 'complaintQueued',
          run: () => deps.intake.send([{ kind: 'inbound', message: intakeMessageFor(r, deps.pii.open(r.citizen.sealed)) }]),
        },
        { key: 'workScheduled', run: () => deps.scheduledWork.schedule(workFor(r, deps.clock.now())) },
        { key: 'notified:confirmed', run: () => deps.notifier.send(r.citizen, reservationNotice('confirmed', r.language, facts(r)), `${id}:confirmed`) },
      ];
    case 'cancelled':
      return [
        { key: 'seatReleased', run: async () => void (await deps.repository.releaseSeat(r.slotId, r.citizen.hash, id)) },
        { key: 'workCancelled', run: () => deps.scheduledWork.cancel(allWorkIdsFor(id)) },
        // Only a booking whose complaint was filed has one to close.
        ...(isFollowUpDone(r.followUp, 'complaintQueued') ? [{ key: 'complaintClosed', run: () => closeReservationComplaint(deps, r) }] : []),
        // Only a citizen who was told of the booking is told of its cancellation.
        ...(isFollowUpDone(r.followUp, 'notified:confirmed')
          ? [{ key: 'notified:cancelled', run: () => deps.notifier.send(r.citizen, reservationNotice('cancelled', r.language, facts(r)), `${id}:cancelled`) }]
          : []),
      ];
    case 'expired':
      return [{ key: 'seatReleased', run: async () => void (await deps.repository.releaseSeat(r.slotId, r.citizen.hash, id)) }];
    // A kept reservation needs no task at its start any more (the call may begin before it).
    case 'no_show':
    case 'kept':
      return [{ key: 'workCancelled', run: () => deps.scheduledWork.cancel(allWorkIdsFor(id)) }];
    case 'pending':
    case 'rejected':
      return [];
  }
}

/**
 * Runs what a reservation's status still owes (each step idempotent and recorded once done),
 * then marks it settled. Called inline after every change and again by the sweeper, so a crash
 * or a failing dependency delays a step but never loses it. Returns whether all steps ran.
 */
export async function settleReservation(deps: ReservationDeps, reservation: Reservation): Promise<boolean> {
  if (reservation.status === 'pending') return false;
  let complete = true;
  const now = deps.clock.now();
  const staleBefore = new Date(now.getTime() - pendingGraceOf(deps)).toISOString();
  for (const step of stepsFor(deps, reservation)) {
    if (isFollowUpDone(reservation.followUp, step.key)) continue;
    try {
      // Another run holds the step (a concurrent retry): leave it to that run, or to the sweeper.
      if (!(await deps.repository.claimFollowUp(reservation.reservationId, step.key, now.toISOString(), staleBefore))) {
        complete = false;
        continue;
      }
      await step.run();
      const at = deps.clock.now().toISOString();
      await deps.repository.recordFollowUp(reservation.reservationId, { [step.key]: at });
      reservation.followUp[step.key] = at;
    } catch (error) {
      complete = false;
      await deps.repository.releaseFollowUpClaim(reservation.reservationId, step.key).catch(() => undefined);
      deps.log.warn('reservation follow-up deferred', {
        reservationId: reservation.reservationId,
        step: step.key,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
  if (complete && reservation.openWork) {
    await deps.repository.markSettled(reservation.reservationId, reservation.status, deps.clock.now().toISOString());
    reservation.openWork = false;
  }
  return complete;
}
