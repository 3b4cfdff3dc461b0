import type { ReservationWork } from '../../../schemas/reservation-api.ts';
import type { ReservationDeps } from './deps.ts';
import { pendingGraceOf } from './deps.ts';
import { settleReservation } from './follow-up.ts';
import { isFollowUpDone } from './model.ts';
import { expireStalePending } from './repair-slot.ts';
import { reservationNotice } from './templates.ts';

/** `idle`: a sweep that found nothing open (most runs of the sweep schedule). */
export type WorkOutcome = 'done' | 'skipped' | 'idle';

/** Reservations a sweep looks at; the next sweep takes the rest. */
const SWEEP_LIMIT = 100;

/**
 * Runs one piece of scheduled work (the reservation-task Lambda in AWS, the local timer here).
 * Delivery is at least once: each kind checks and records what it did on the reservation, so a
 * repeated run does nothing twice. Work for a reservation no longer confirmed is skipped.
 */
export async function runReservationWork(deps: ReservationDeps, work: ReservationWork): Promise<WorkOutcome> {
  if (work.kind === 'sweep') {
    const counts = await sweepOpenWork(deps);
    return counts.settled + counts.deferred > 0 ? 'done' : 'idle';
  }
  const reservation = await deps.repository.get(work.reservationId);
  const logContext = { reservationId: work.reservationId, workId: work.workId, kind: work.kind };
  if (!reservation || reservation.status !== 'confirmed') {
    deps.log.info('reservation work skipped', { ...logContext, status: reservation?.status ?? 'missing' });
    return 'skipped';
  }
  const doneKey = `ran:${work.workId}`;
  if (isFollowUpDone(reservation.followUp, doneKey)) return 'skipped';
  const now = deps.clock.now();
  // A reminder that arrives after the start (Scheduler retried late) would only confuse.
  if (work.kind === 'reminder' && Date.parse(reservation.startsAt) <= now.getTime()) return 'skipped';
  // A concurrent duplicate delivery holds the work; a claim older than the grace period is retaken.
  const staleBefore = new Date(now.getTime() - pendingGraceOf(deps)).toISOString();
  if (!(await deps.repository.claimFollowUp(reservation.reservationId, doneKey, now.toISOString(), staleBefore))) return 'skipped';

  try {
    if (work.kind === 'reminder') {
      const [date = '', time = ''] = reservation.slotId.split('T');
      const text = reservationNotice('reminder', reservation.language, { date, time, receiptNo: reservation.receiptNo, contactPreference: reservation.contactPreference });
      await deps.notifier.send(reservation.citizen, text, work.workId);
    } else if (!reservation.task) {
      const task = await deps.tasks.start(reservation);
      await deps.repository.recordTask(reservation.reservationId, { contactId: task.contactId, createdAt: deps.clock.now().toISOString() });
      deps.log.info('counselling task created', { ...logContext, contactId: task.contactId });
    }
  } catch (error) {
    // Thrown on so Scheduler retries; the claim is dropped so the retry can take the work.
    await deps.repository.releaseFollowUpClaim(reservation.reservationId, doneKey).catch(() => undefined);
    throw error;
  }
  await deps.repository.recordFollowUp(reservation.reservationId, { [doneKey]: deps.clock.now().toISOString() });
  return 'done';
}

/**
 * Finishes what crashes and failing dependencies left open: abandoned pending bookings are
 * expired (their seat given back), follow-up of other changes is run again.
 */
export async function sweepOpenWork(deps: ReservationDeps): Promise<{ expired: number; settled: number; deferred: number }> {
  const before = new Date(deps.clock.now().getTime() - pendingGraceOf(deps)).toISOString();
  const open = await deps.repository.listOpenWork(before, SWEEP_LIMIT);
  const counts = { expired: 0, settled: 0, deferred: 0 };
  for (let reservation of open) {
    if (reservation.status === 'pending') {
      reservation = await expireStalePending(deps, reservation);
      if (reservation.status === 'expired') counts.expired += 1;
    }
    if (await settleReservation(deps, reservation)) counts.settled += 1;
    else counts.deferred += 1;
  }
  if (open.length > 0) deps.log.info('reservation sweep', { ...counts, looked: open.length });
  return counts;
}
