import { appendStatusEvent, type ChangeStatusDeps, type ChangeStatusResult } from './complaint-lifecycle.ts';
import type { AssignmentChange } from './model.ts';

export interface AssignComplaintInput {
  complaintId: string;
  /** The knowledge base's category name (대분류), e.g. 주차. */
  category?: string;
  /** The office now responsible, e.g. a district office (마포구청) after a transfer. */
  agency?: string;
  /** Why, for the history; required. */
  reason: string;
  /** 'counselor:<id>', ... */
  actor: string;
}

/**
 * Sets a complaint's category and/or responsible agency as one entry in its status history (the
 * status stays, as for petition-type changes), with the values each replaced. Values already in
 * place are not changed again, so a retried request records nothing twice.
 */
export async function assignComplaint(deps: ChangeStatusDeps, input: AssignComplaintInput): Promise<ChangeStatusResult> {
  const reason = input.reason.trim();
  if (reason === '') throw new RangeError('a category or agency change needs a reason');
  const category = input.category?.trim();
  const agency = input.agency?.trim();
  if (!category && !agency) throw new RangeError('name a category, an agency or both');
  return appendStatusEvent(deps, input.complaintId, (complaint) => {
    const change: AssignmentChange = {};
    if (category && category !== complaint.category) {
      change.category = category;
      if (complaint.category !== undefined) change.previousCategory = complaint.category;
    }
    if (agency && agency !== complaint.agency) {
      change.agency = agency;
      if (complaint.agency !== undefined) change.previousAgency = complaint.agency;
    }
    if (change.category === undefined && change.agency === undefined) return null;
    return { actor: input.actor, to: complaint.status, reason, assignment: change };
  });
}
