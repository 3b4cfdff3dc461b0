import type { AccessRecorder } from '../../functions/core/audit/deps.ts';
import type { AccessEvent, AccessRecord, AccessRequest, AuditAction, AuditActor, AuditComplaintId, Refusal, RefusedActor } from '../../functions/core/audit/model.ts';

export type RecordedAccess =
  | { kind: 'record'; actor: AuditActor; request: AccessRequest; event: AccessEvent }
  | { kind: 'refuse'; actor: RefusedActor | null; request: AccessRequest; attempt: { action: AuditAction; refusal: Refusal; complaintId?: AuditComplaintId } };

/** An access recorder that keeps what a staff handler records, for handler tests without an audit table. */
export function recordingAccess(): AccessRecorder & { readonly recorded: RecordedAccess[] } {
  const recorded: RecordedAccess[] = [];
  return {
    recorded,
    record: async (actor, request, event) => {
      recorded.push({ kind: 'record', actor, request, event });
      return {} as AccessRecord;
    },
    refuse: async (actor, request, attempt) => {
      recorded.push({ kind: 'refuse', actor, request, attempt });
      return {} as AccessRecord;
    },
  };
}
