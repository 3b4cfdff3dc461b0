import type { ProtectedHandle } from '../model.ts';
import type { LanguageCode } from '../model.ts';
import type { FollowUp, Reservation, ReservationStatus, ReservationStatusChange, ScheduledWorkItem, SlotCounter } from './model.ts';

export type SeatClaim =
  | { outcome: 'claimed' }
  /** This reservation already holds the seat (a retry). */
  | { outcome: 'already-held' }
  | { outcome: 'full'; counter: SlotCounter }
  /** The citizen holds this slot under another reservation. */
  | { outcome: 'citizen-holds-slot'; reservationId: string };

export interface StatusTransition {
  reservationId: string;
  /** Applied only when the stored status is one of these. */
  from: readonly ReservationStatus[];
  change: ReservationStatusChange;
}

/**
 * Reservations in the complaint table. Every write is one conditional PutItem/UpdateItem;
 * see docs/adr/0007-reservation-slots.md for the items and the write order.
 */
export interface ReservationRepository {
  /** Conditional on no reservation with that id; false when one exists. */
  create(reservation: Reservation): Promise<boolean>;
  get(reservationId: string): Promise<Reservation | null>;
  getMany(reservationIds: readonly string[]): Promise<Reservation[]>;
  /** Sets status, appends the change to the history and opens follow-up work; null when the stored status is not in `from`. */
  transition(transition: StatusTransition): Promise<Reservation | null>;
  /** Records follow-up steps as done (keys of FollowUp). */
  recordFollowUp(reservationId: string, steps: FollowUp): Promise<void>;
  /**
   * Takes a follow-up step for `claim:<at>`, conditional on the step being neither done nor
   * claimed since `staleBefore`, so two concurrent runs never both send a notice.
   */
  claimFollowUp(reservationId: string, step: string, at: string, staleBefore: string): Promise<boolean>;
  /** Drops a claim after its step failed, so the next run (a retry, the sweeper) takes it at once. */
  releaseFollowUpClaim(reservationId: string, step: string): Promise<void>;
  /** Clears openWork, conditional on the status still being `status`. */
  markSettled(reservationId: string, status: ReservationStatus, at: string): Promise<boolean>;
  recordTask(reservationId: string, task: { contactId: string; createdAt: string }): Promise<void>;
  /** Open-work reservations last updated before `updatedBefore`, oldest first. */
  listOpenWork(updatedBefore: string, limit: number): Promise<Reservation[]>;
  /** Reservations of one KST day, by slot time. */
  listByDay(day: string): Promise<Reservation[]>;

  /**
   * One conditional update of the slot's counter: ADD bookedCount 1 and holders[citizenHash] =
   * reservationId, only while bookedCount < capacity and the citizen holds no seat there.
   */
  claimSeat(slotId: string, citizenHash: string, reservationId: string, capacity: number): Promise<SeatClaim>;
  /** Gives the seat back, conditional on it being held by this reservation; false when it was not. */
  releaseSeat(slotId: string, citizenHash: string, reservationId: string): Promise<boolean>;
  getCounter(slotId: string): Promise<SlotCounter | null>;
  /** Counters of the slots from..to (KST slot ids, inclusive). */
  listCounters(fromSlotId: string, toSlotId: string): Promise<SlotCounter[]>;
}

/** One-time work at an instant: EventBridge Scheduler in AWS, table items + a timer locally. */
export interface ScheduledWork {
  /** Idempotent: an item already scheduled under its workId is left as it is. */
  schedule(items: readonly ScheduledWorkItem[]): Promise<void>;
  /** Idempotent: unknown or already run work ids are ignored. */
  cancel(workIds: readonly string[]): Promise<void>;
}

/** Sends a short text to the citizen on their own channel (SMS for a phone, chat for an account). */
export interface ReservationNotifier {
  send(citizen: ProtectedHandle, text: string, idempotencyKey: string): Promise<void>;
}

/** The sign-language queue's work item at the reserved time: an Amazon Connect task in AWS. */
export interface CounsellingTasks {
  /** Idempotent on the reservation id. */
  start(reservation: Reservation): Promise<{ contactId: string }>;
}

/** The chat accounts directory (another module): only verified, unrevoked accounts may book. */
export interface ChatAccounts {
  findVerified(accountId: string): Promise<{ accountId: string; language?: LanguageCode } | null>;
}
