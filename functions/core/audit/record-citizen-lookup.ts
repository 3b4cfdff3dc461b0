import type { LookupRecord, LookupRecorder } from '../status-lookup/ports.ts';
import { auditEventIdFor } from './chain.ts';
import { ANONYMOUS, auditComplaintId, citizenKeyHash } from './model.ts';
import { appendToChain, requestFields, type RecordAccessDeps } from './record-access.ts';

/**
 * Citizens' status lookups in the access trail, beside staff access: the actor is anonymous
 * (`role: none`: nobody signs in), the action `status.lookup`. A lookup that showed a complaint is
 * `allowed` and names the complaint and its citizen; a wrong receipt/phone pair is `refused` as
 * unauthenticated (naming the complaint the number belongs to, if any), a locked receipt as
 * forbidden. The event id is fixed by the request, so a retried Lambda records it once.
 */
export function citizenLookupRecorder(deps: RecordAccessDeps): LookupRecorder {
  return {
    async record(entry: LookupRecord): Promise<void> {
      const outcome = entry.outcome === 'found' ? 'allowed' : 'refused';
      const complaintId = entry.complaintId ? auditComplaintId(entry.complaintId) : undefined;
      const citizen = entry.outcome === 'found' && entry.citizenKeyHash ? citizenKeyHash(entry.citizenKeyHash) : undefined;
      const base = requestFields({ requestId: entry.requestId, at: entry.at, sourceIp: entry.sourceIp ?? 'unknown', ...(entry.route ? { route: entry.route } : {}) }, deps.clock);
      await appendToChain(deps, {
        v: 1,
        eventId: auditEventIdFor({ requestId: base.requestId, action: 'status.lookup', outcome, complaintId, citizenKeyHash: citizen }),
        ...base,
        actorSubject: ANONYMOUS.subject,
        actorUsername: ANONYMOUS.username,
        role: 'none',
        action: 'status.lookup',
        outcome,
        ...(outcome === 'refused' ? { refusal: entry.outcome === 'locked' ? ('forbidden' as const) : ('unauthenticated' as const) } : {}),
        ...(complaintId ? { complaintId } : {}),
        ...(citizen ? { citizenKeyHash: citizen } : {}),
      });
    },
  };
}
