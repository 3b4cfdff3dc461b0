import { appendStatusEvent, type ChangeStatusResult } from '../complaint-lifecycle.ts';
import { OPEN_STATUSES, type DeadlineExtension } from '../model.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { DeadlineDeps } from './change-petition-type.ts';
import { effectiveDueAt, extendedDueAt } from './due-at.ts';
import { DeadlineChangeRefusedError } from './errors.ts';
import { DEFAULT_PETITION_TYPE, policyFor } from './petition-types.ts';

/** Decree art. 21: one extension, and one more with the citizen's consent. */
export const MAX_EXTENSIONS = 2;

export interface ExtendDeadlineDeps extends DeadlineDeps {
  events: EventPublisher;
}

export interface ExtendDeadlineInput {
  complaintId: string;
  actor: string;
  /** Why the period cannot be met; told to the citizen (decree art. 21(3)). Required. */
  reason: string;
  /** Which extension this is (1 or 2), so a retried request is recognised and not applied twice. */
  extensionNumber: number;
  /** In the type's own unit (working days or hours); at most, and by default, the type's period. */
  amount?: number;
  /** The citizen agreed (required for the second extension). */
  citizenConsent?: boolean;
}

/**
 * Extends an open complaint's deadline within the decree's limits, records who and why in the
 * status history, and publishes `complaint.deadline_extended` so the citizen is told (at least
 * once: a retried request publishes again, with the same extension number).
 */
export async function extendDeadline(deps: ExtendDeadlineDeps, input: ExtendDeadlineInput): Promise<ChangeStatusResult> {
  const reason = input.reason.trim();
  if (reason === '') throw new RangeError('a deadline extension needs a reason');
  if (!Number.isInteger(input.extensionNumber) || input.extensionNumber < 1 || input.extensionNumber > MAX_EXTENSIONS) {
    throw new RangeError(`extensionNumber must be 1 or ${MAX_EXTENSIONS}: the decree allows no more`);
  }
  const result = await appendStatusEvent(deps, input.complaintId, (complaint) => {
    const done = complaint.deadlineExtension;
    if (done && done.count === input.extensionNumber && done.reason === reason && done.actor === input.actor) return null;
    const count = done?.count ?? 0;
    if (input.extensionNumber !== count + 1) {
      throw new DeadlineChangeRefusedError('extension-conflict', `complaint ${complaint.complaintId} has ${count} extension(s); extension ${input.extensionNumber} is not the next`);
    }
    if (!OPEN_STATUSES.includes(complaint.status)) throw new DeadlineChangeRefusedError('not-open', `complaint ${complaint.complaintId} is ${complaint.status}`);
    const now = deps.clock.now().toISOString();
    const current = effectiveDueAt(complaint);
    if (current < now) throw new DeadlineChangeRefusedError('deadline-passed', `complaint ${complaint.complaintId} was due ${current}`);
    if (input.extensionNumber > 1 && input.citizenConsent !== true) {
      throw new DeadlineChangeRefusedError('consent-required', 'a second extension needs the citizen\'s consent (decree art. 21(2))');
    }
    const type = complaint.petitionType ?? DEFAULT_PETITION_TYPE;
    const { period } = policyFor(type);
    const amount = input.amount ?? period.amount;
    if (!Number.isInteger(amount) || amount < 1) throw new RangeError('amount must be a positive integer');
    if (amount > period.amount) {
      throw new DeadlineChangeRefusedError('extension-too-long', `an extension is at most the original period (${period.amount} ${period.unit})`);
    }
    const extension: DeadlineExtension = { count: input.extensionNumber, reason, actor: input.actor, at: now, citizenConsent: input.citizenConsent === true };
    return {
      actor: input.actor,
      to: complaint.status,
      reason,
      deadline: {
        kind: 'deadline-extended',
        petitionType: type,
        dueAt: complaint.dueAt,
        extendedDueAt: extendedDueAt(current, type, amount, deps.calendar),
        extension,
        previousDueAt: current,
      },
    };
  });
  await deps.events.publish([deadlineExtendedEvent(result.complaint)]);
  return result;
}

function deadlineExtendedEvent(complaint: VersionedComplaint) {
  const extension = complaint.deadlineExtension;
  if (!extension) throw new Error(`complaint ${complaint.complaintId} has no extension to announce`);
  return {
    type: 'complaint.deadline_extended' as const,
    complaintId: complaint.complaintId,
    receiptNo: complaint.receiptNo,
    channel: complaint.channel,
    language: complaint.language,
    petitionType: complaint.petitionType ?? DEFAULT_PETITION_TYPE,
    extensionNumber: extension.count,
    dueAt: effectiveDueAt(complaint),
    reason: extension.reason,
    at: extension.at,
  };
}
