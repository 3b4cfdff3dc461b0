import type { ComplaintStatus } from './model.ts';
import { ComplaintNotFoundError, ConcurrentStatusChangeError, InvalidTransitionError } from './errors.ts';
import { statusEventIdFor } from './ids.ts';
import type { ComplaintRepository, VersionedComplaint, VersionedStatusEvent } from './ports/complaint-repository.ts';
import type { Clock } from './ports/runtime.ts';

/**
 * Allowed moves. `answered` and `closed` can be reopened (`in_progress`) because a citizen's
 * follow-up or an audit finding may need more work; nothing goes back to `received`, which
 * only means "nobody has looked at it yet".
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  received: ['in_progress', 'answered', 'closed'],
  in_progress: ['answered', 'closed'],
  answered: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export interface ChangeStatusDeps {
  repository: ComplaintRepository;
  clock: Clock;
}

export interface ChangeStatusInput {
  complaintId: string;
  to: ComplaintStatus;
  /** 'counselor:<id>', 'system', 'connect', ... */
  actor: string;
  /** Why, for the audit trail; required. */
  reason: string;
}

export interface ChangeStatusResult {
  /** False when the complaint already had that status (a retried request is a no-op). */
  changed: boolean;
  complaint: VersionedComplaint;
  event: VersionedStatusEvent | null;
}

const MAX_ROUNDS = 5;

/**
 * Two writes, in this order: the status event into the slot for the next version
 * (conditional on the slot being free), then the complaint's status (conditional on its
 * version). The event log is the truth and the complaint's status a projection of it: an
 * event left unapplied by a crash is rolled forward by whoever finds its slot taken.
 */
export async function changeStatus(deps: ChangeStatusDeps, input: ChangeStatusInput): Promise<ChangeStatusResult> {
  if (input.reason.trim() === '') throw new RangeError('a status change needs a reason');
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const complaint = await deps.repository.getComplaint(input.complaintId);
    if (!complaint) throw new ComplaintNotFoundError(input.complaintId);
    if (complaint.status === input.to) return { changed: false, complaint, event: null };
    if (!canTransition(complaint.status, input.to)) throw new InvalidTransitionError(complaint.status, input.to);

    const version = complaint.statusVersion + 1;
    const event: VersionedStatusEvent = {
      complaintId: complaint.complaintId,
      eventId: statusEventIdFor(version),
      version,
      at: deps.clock.now().toISOString(),
      actor: input.actor,
      from: complaint.status,
      to: input.to,
      reason: input.reason,
    };
    if (await deps.repository.putStatusEvent(event)) {
      // Whether we or a concurrent roll-forward applied it, our event is now the complaint's state.
      await deps.repository.applyStatusEvent(event);
      return { changed: true, complaint: { ...complaint, status: input.to, statusVersion: version, updatedAt: event.at }, event };
    }
    const pending = await deps.repository.getStatusEvent(complaint.complaintId, version);
    if (pending) await deps.repository.applyStatusEvent(pending);
  }
  throw new ConcurrentStatusChangeError(`complaint ${input.complaintId}: status kept changing under us`);
}
