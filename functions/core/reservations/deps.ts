import type { SlotSchedule } from '../../../schemas/reservation-schedule.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { IntakeQueue } from '../ports/intake-queue.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ChatAccounts, CounsellingTasks, ReservationNotifier, ReservationRepository, ScheduledWork } from './ports.ts';

export interface ReservationDeps {
  repository: ReservationRepository;
  schedule: SlotSchedule;
  pii: PiiProtector;
  intake: IntakeQueue;
  /** The complaint table: a cancelled booking closes the complaint it opened. */
  complaints: ComplaintRepository;
  scheduledWork: ScheduledWork;
  notifier: ReservationNotifier;
  tasks: CounsellingTasks;
  /** Absent: bookings by chat account are refused (the directory is not wired). */
  chatAccounts?: ChatAccounts;
  clock: Clock;
  log: Log;
  /** A booking still pending after this long was abandoned by its caller. @default 10 minutes */
  pendingGraceMs?: number;
}

export const DEFAULT_PENDING_GRACE_MS = 10 * 60_000;

export const pendingGraceOf = (deps: Pick<ReservationDeps, 'pendingGraceMs'>): number => deps.pendingGraceMs ?? DEFAULT_PENDING_GRACE_MS;
