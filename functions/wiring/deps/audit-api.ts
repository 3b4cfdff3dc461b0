import type { AuditTrailDeps } from '../../core/audit/deps.ts';
import type { Log } from '../../core/ports/runtime.ts';
import type { StaffApiDeps } from './staff-api.ts';

/** Deps of the audit API handler (functions/handlers/audit-api.ts); `access` records its own calls. */
export interface AuditApiDeps extends StaffApiDeps {
  readonly audit: AuditTrailDeps;
}

/** Deps of the daily digest job (functions/handlers/audit-digest.ts). */
export interface AuditDigestDeps {
  readonly log: Log;
  readonly audit: AuditTrailDeps;
}
