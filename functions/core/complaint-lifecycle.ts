import type { ComplaintStatus } from './model.ts';
import { ComplaintNotFoundError, ConcurrentStatusChangeError, InvalidTransitionError } from './errors.ts';
import { statusEventIdFor } from './ids.ts';
import type { ComplaintRepository, VersionedComplaint, VersionedStatusEvent } from './ports/complaint-repository.ts';
import type { ComplaintStatusChangedEvent, EventPublisher } from './ports/events.ts';
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
  /** Where appended entries are announced (`complaint.status_changed`: status notices); none, none announced. */
  events?: EventPublisher;
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

/** What a new history entry says; the version, slot, time and `from` are filled in on append. */
export type StatusEventContent = Pick<VersionedStatusEvent, 'actor' | 'to' | 'reason'> & Pick<Partial<VersionedStatusEvent>, 'deadline' | 'assignment' | 'sourceEventId'>;

/**
 * Two writes, in this order: the status event into the slot for the next version
 * (conditional on the slot being free), then the complaint's status (conditional on its
 * version). The event log is the truth and the complaint's status a projection of it: an
 * event left unapplied by a crash is rolled forward by whoever finds its slot taken.
 */
export async function changeStatus(deps: ChangeStatusDeps, input: ChangeStatusInput): Promise<ChangeStatusResult> {
  if (input.reason.trim() === '') throw new RangeError('a status change needs a reason');
  const result = await appendStatusEvent(deps, input.complaintId, (complaint) => {
    if (complaint.status === input.to) return null;
    if (!canTransition(complaint.status, input.to)) throw new InvalidTransitionError(complaint.status, input.to);
    return { actor: input.actor, to: input.to, reason: input.reason };
  });
  if (!result.changed && deps.events) await republishRetried(deps as ChangeStatusDeps & { events: EventPublisher }, result.complaint, input);
  return result;
}

/**
 * A request repeated after its answer was lost (or after the announcement failed) finds nothing to
 * change: when the latest entry is exactly this request's, it is announced again, so the notice it
 * owes is not lost with the first attempt. The notice outbox makes the repeat harmless.
 */
async function republishRetried(deps: ChangeStatusDeps & { events: EventPublisher }, complaint: VersionedComplaint, input: ChangeStatusInput): Promise<void> {
  const latest = await deps.repository.getStatusEvent(complaint.complaintId, complaint.statusVersion);
  if (!latest || latest.to !== input.to || latest.actor !== input.actor || latest.reason !== input.reason) return;
  const announced = statusChangedEvent(complaint, complaint, latest);
  if (announced) await deps.events.publish([announced]);
}

/**
 * Appends one entry to a complaint's history, as changeStatus describes. `decide` sees the
 * complaint as it stands (again after losing a race) and returns the entry, or null when there
 * is nothing to do (a retried request): the result is then unchanged.
 */
export async function appendStatusEvent(
  deps: ChangeStatusDeps,
  complaintId: string,
  decide: (complaint: VersionedComplaint) => StatusEventContent | null,
): Promise<ChangeStatusResult> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const complaint = await deps.repository.getComplaint(complaintId);
    if (!complaint) throw new ComplaintNotFoundError(complaintId);
    const content = decide(complaint);
    if (!content) return { changed: false, complaint, event: null };

    const version = complaint.statusVersion + 1;
    const event: VersionedStatusEvent = {
      ...content,
      complaintId: complaint.complaintId,
      eventId: statusEventIdFor(version),
      version,
      at: deps.clock.now().toISOString(),
      from: complaint.status,
    };
    if (await deps.repository.putStatusEvent(event)) {
      // Whether we or a concurrent roll-forward applied it, our event is now the complaint's state.
      await deps.repository.applyStatusEvent(event);
      const after = projectStatusEvent(complaint, event);
      const announced = statusChangedEvent(complaint, after, event);
      if (announced) await deps.events?.publish([announced]);
      return { changed: true, complaint: after, event };
    }
    const pending = await deps.repository.getStatusEvent(complaint.complaintId, version);
    if (pending) await deps.repository.applyStatusEvent(pending);
  }
  throw new ConcurrentStatusChangeError(`complaint ${complaintId}: status kept changing under us`);
}

/** The complaint as it stands once `event` is applied: what the repository's update writes. */
export function projectStatusEvent(complaint: VersionedComplaint, event: VersionedStatusEvent): VersionedComplaint {
  const assigned = event.assignment;
  const next: VersionedComplaint = {
    ...complaint,
    status: event.to,
    statusVersion: event.version,
    updatedAt: event.at,
    ...(assigned?.category !== undefined ? { category: assigned.category } : {}),
    ...(assigned?.agency !== undefined ? { agency: assigned.agency } : {}),
  };
  if (!event.deadline) return next;
  const { petitionType, dueAt, extendedDueAt, extension } = event.deadline;
  return { ...next, petitionType, dueAt, ...(extendedDueAt ? { extendedDueAt } : {}), ...(extension ? { deadlineExtension: extension } : {}) };
}

/**
 * The announcement of one history entry that changed the status or moved the complaint to another
 * agency; null for the rest (deadline entries have their own event, `complaint.deadline_extended`).
 */
export function statusChangedEvent(before: VersionedComplaint, after: VersionedComplaint, event: VersionedStatusEvent): ComplaintStatusChangedEvent | null {
  const transferred = after.agency !== undefined && after.agency !== before.agency;
  if (event.from === event.to && !transferred) return null;
  return {
    type: 'complaint.status_changed',
    complaintId: after.complaintId,
    receiptNo: after.receiptNo,
    channel: after.channel,
    version: event.version,
    from: event.from,
    to: event.to,
    actor: event.actor,
    at: event.at,
    ...(transferred ? { agency: after.agency as string, ...(before.agency !== undefined ? { previousAgency: before.agency } : {}) } : {}),
  };
}
