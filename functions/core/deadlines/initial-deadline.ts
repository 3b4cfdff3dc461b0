import { dueAt } from './due-at.ts';
import { DEFAULT_PETITION_TYPE, type PetitionType } from './petition-types.ts';
import type { WorkingCalendar } from './working-time.ts';

/** Petition type and due time of a complaint founded by a contact received at `receivedAt`. */
export function initialDeadline(receivedAt: string, calendar: WorkingCalendar): { petitionType: PetitionType; dueAt: string } {
  return { petitionType: DEFAULT_PETITION_TYPE, dueAt: dueAt(receivedAt, DEFAULT_PETITION_TYPE, calendar) };
}
