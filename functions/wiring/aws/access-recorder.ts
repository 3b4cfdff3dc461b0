import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditChainStore } from '../../adapters/dynamodb/audit-chain-store.ts';
import { accessRecorder, type AccessRecorder } from '../../core/audit/deps.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import { auditShards } from './audit-shards.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock } from './log-and-clock.ts';

/** A recorder on the audit table's append side only (no reading, sealing or review code in the bundle). */
export function accessRecorderFor(parts: { db: DynamoDBDocumentClient; tableName: string; clock: Clock; env?: NodeJS.ProcessEnv }): AccessRecorder {
  return accessRecorder({ store: new DynamoAuditChainStore(parts.db, parts.tableName), clock: parts.clock, shards: auditShards(parts.env) });
}

/**
 * The access recorder of a staff Lambda: the audit table CDK names in AUDIT_TABLE_NAME with the
 * append-only grant (AuditTrail.grantAppend). Kept apart from the audit API's wiring so a staff
 * function's bundle carries no S3 client and no verification code.
 */
export function lambdaAccessRecorder(): AccessRecorder {
  const { auditTableName } = readEnvironment(['auditTableName']);
  return accessRecorderFor({ db: documentClient(), tableName: auditTableName, clock });
}
