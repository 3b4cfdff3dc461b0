import { announceUpdate, appendStatusEvent, type ChangeStatusDeps, type ChangeStatusResult } from '../complaint-lifecycle.ts';
import { dueAt, effectiveDueAt } from './due-at.ts';
import { DeadlineChangeRefusedError } from './errors.ts';
import { DEFAULT_PETITION_TYPE, policyFor, type PetitionType } from './petition-types.ts';
import type { WorkingCalendar } from './working-time.ts';

export interface DeadlineDeps extends ChangeStatusDeps {
  calendar: WorkingCalendar;
}

export interface ChangePetitionTypeInput {
  complaintId: string;
  petitionType: PetitionType;
  /** 'counselor:<id>', ... */
  actor: string;
  /** Why, for the history; a line naming both types when absent. */
  reason?: string;
}

/**
 * Sets a complaint's petition type and recomputes its due time from the first contact, as one
 * entry in the status history (the status stays). The same type again is a no-op, so a
 * retried request records nothing twice. Refused once the deadline was extended: the citizen
 * was told a date, and a new type would silently move it.
 */
export async function changePetitionType(deps: DeadlineDeps, input: ChangePetitionTypeInput): Promise<ChangeStatusResult> {
  const result = await appendStatusEvent(deps, input.complaintId, (complaint) => {
    const previous = complaint.petitionType;
    if (previous === input.petitionType) return null;
    if (complaint.deadlineExtension) {
      throw new DeadlineChangeRefusedError('type-locked', `complaint ${complaint.complaintId}: the deadline was extended; its petition type can no longer change`);
    }
    const reason = input.reason?.trim() || `${policyFor(previous ?? DEFAULT_PETITION_TYPE).nameKo} → ${policyFor(input.petitionType).nameKo}`;
    return {
      actor: input.actor,
      to: complaint.status,
      reason,
      deadline: {
        kind: 'petition-type-changed',
        petitionType: input.petitionType,
        ...(previous ? { previousPetitionType: previous } : {}),
        dueAt: dueAt(complaint.createdAt, input.petitionType, deps.calendar),
        previousDueAt: effectiveDueAt(complaint),
      },
    };
  });
  // The due time moved, so the on-time share may have.
  return announceUpdate(deps, result, 'petition-type');
}
