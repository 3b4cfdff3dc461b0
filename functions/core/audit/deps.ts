import type { Clock } from '../ports/runtime.ts';
import type { AccessEvent, AccessRecord, AccessRequest, AuditAction, AuditActor, AuditComplaintId, Refusal, RefusedActor } from './model.ts';
import type { AuditChainStore, AuditStore, DigestStore } from './ports.ts';
import { ChainAppender } from './chain-appender.ts';
import { recordAccess, recordRefusal } from './record-access.ts';
import type { ReviewPolicy } from './review-model.ts';

/** Everything the audit trail's use cases need; built by the wiring (AWS or local) from adapters. */
export interface AuditTrailDeps {
  readonly store: AuditStore;
  readonly digests: DigestStore;
  readonly clock: Clock;
  /** Chains per KST day for new records (1..64). */
  readonly shards: number;
  readonly policy: ReviewPolicy;
}

/** What every staff route calls once it knows the caller (or knows it has none). */
export interface AccessRecorder {
  record(actor: AuditActor, request: AccessRequest, event: AccessEvent): Promise<AccessRecord>;
  refuse(actor: RefusedActor | null, request: AccessRequest, attempt: { action: AuditAction; refusal: Refusal; complaintId?: AuditComplaintId }): Promise<AccessRecord>;
}

/** One per process (container): its appender queues this writer's appends per chain and remembers the heads it wrote. */
export function accessRecorder(deps: { readonly store: AuditChainStore; readonly clock: Clock; readonly shards: number }): AccessRecorder {
  const writer = { ...deps, appender: new ChainAppender(deps.store) };
  return {
    record: (actor, request, event) => recordAccess(writer, actor, request, event),
    refuse: (actor, request, attempt) => recordRefusal(writer, actor, request, attempt),
  };
}
