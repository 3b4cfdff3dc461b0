import type { ContactPreference, ReservationLanguage } from '../../../schemas/reservation-api.ts';
import type { ProtectedHandle } from '../model.ts';

export type { ContactPreference, ReservationLanguage };

/**
 * pending   written before the seat is claimed (the crash-safe anchor of a booking);
 * confirmed holds a seat; rejected never got one (slot full, citizen already booked);
 * expired   a pending booking abandoned mid-way (its seat, if claimed, is given back);
 * cancelled gave its seat back; no_show the citizen did not come;
 * kept      the citizen's video call reached a counselor (functions/core/video).
 */
export type ReservationStatus = 'pending' | 'confirmed' | 'rejected' | 'expired' | 'cancelled' | 'no_show' | 'kept';

export const ACTIVE_RESERVATION_STATUSES: readonly ReservationStatus[] = ['pending', 'confirmed'];

export interface ReservationStatusChange {
  at: string;
  from: ReservationStatus | null;
  to: ReservationStatus;
  /** citizen, counselor:<id>, system */
  actor: string;
  reason?: string;
}

/**
 * Side effects done after a status change, each recorded once done so a re-run skips it.
 * Keys: complaintQueued, workScheduled, workCancelled, seatReleased, notified:<kind>, ran:<workId>.
 */
export type FollowUp = Record<string, string>;

/** A follow-up value `claim:<at>` marks a step taken but not (yet) done. */
export const FOLLOW_UP_CLAIM_PREFIX = 'claim:';

export const isFollowUpDone = (followUp: FollowUp, step: string): boolean => {
  const value = followUp[step];
  return value !== undefined && !value.startsWith(FOLLOW_UP_CLAIM_PREFIX);
};

export interface Reservation {
  reservationId: string;
  requestId: string;
  /** Hash of what was asked for: the same requestId with other content is refused. */
  fingerprint: string;
  citizen: ProtectedHandle;
  /** KST local start YYYY-MM-DDTHH:mm; also the seat counter's key. */
  slotId: string;
  startsAt: string;
  endsAt: string;
  contactPreference: ContactPreference;
  language: ReservationLanguage;
  /** Free text from the citizen: personal data possible, never logged. */
  note?: string;
  /** Receipt number of the intake message that links the reservation to a complaint. */
  receiptNo: string;
  status: ReservationStatus;
  statusReason?: string;
  history: ReservationStatusChange[];
  followUp: FollowUp;
  /** True while a status change still has follow-up to run (the sweeper's work list). */
  openWork: boolean;
  task?: { contactId: string; createdAt: string };
  createdAt: string;
  updatedAt: string;
}

export interface Slot {
  slotId: string;
  /** KST date and time. */
  date: string;
  time: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export interface SlotAvailability extends Slot {
  booked: number;
  available: number;
}

/** Seat counter of one slot: holders maps citizen hash -> reservation id. */
export interface SlotCounter {
  slotId: string;
  bookedCount: number;
  holders: Record<string, string>;
}

export type ScheduledWorkKind = 'reminder' | 'start-task';

export interface ScheduledWorkItem {
  /** Also the EventBridge schedule name: [0-9A-Za-z_.-], at most 64 characters. */
  workId: string;
  reservationId: string;
  kind: ScheduledWorkKind;
  /** UTC ISO instant the work is due. */
  dueAt: string;
}
