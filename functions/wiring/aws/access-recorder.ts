import type { AccessRecorder } from '../../core/audit/deps.ts';
import { accessRecorderFor } from './audit-trail.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock } from './log-and-clock.ts';

/**
 * The access recorder of a staff Lambda: the audit table CDK names in AUDIT_TABLE_NAME with the
 * append-only grant (AuditTrail.grantAppend). Kept apart from the audit API's wiring so a staff
 * function's bundle carries no S3 client.
 */
export function lambdaAccessRecorder(): AccessRecorder {
  const { auditTableName } = readEnvironment(['auditTableName']);
  return accessRecorderFor({ db: documentClient(), tableName: auditTableName, clock });
}
