import { kstDay, toUtcIso } from '../kst.ts';
import { policyFor, type PetitionType, type ProcessingPeriod } from './petition-types.ts';
import { addWorkingHours, closeOfWorkingDay, nextDay, type WorkingCalendar } from './working-time.ts';

/**
 * When a petition of `type` received at `receivedAt` must be processed (UTC ISO). A period in
 * days ends at close of business (18:00 KST) of its last working day: the Act lets the period
 * run to the end of that day, but nobody can act on a petition after hours, and a supervisor
 * is better warned six hours early than late (docs/operations/deadlines.md).
 */
export function dueAt(receivedAt: string, type: PetitionType, calendar: WorkingCalendar): string {
  const received = new Date(toUtcIso(receivedAt));
  return toUtcIso(periodEnd(received, kstDay(received), policyFor(type).period, calendar));
}

/**
 * The due time after extending `currentDue` by `amount` of the type's own unit: the extension
 * runs on from where the current period ends, counted the same way (decree art. 21: within the
 * length of the original period).
 */
export function extendedDueAt(currentDue: string, type: PetitionType, amount: number, calendar: WorkingCalendar): string {
  const { unit } = policyFor(type).period;
  const due = new Date(toUtcIso(currentDue));
  return toUtcIso(periodEnd(due, nextDay(kstDay(due)), { unit, amount }, calendar));
}

function periodEnd(from: Date, firstDay: string, period: ProcessingPeriod, calendar: WorkingCalendar): Date {
  return period.unit === 'working-hours' ? addWorkingHours(calendar, from, period.amount) : closeOfWorkingDay(calendar, firstDay, period.amount);
}

/** The due time that holds now: the extended one when the deadline was extended. */
export function effectiveDueAt(complaint: { dueAt: string; extendedDueAt?: string }): string {
  return complaint.extendedDueAt ?? complaint.dueAt;
}
