import { DynamoAuditChainStore } from '../../adapters/dynamodb/audit-chain-store.ts';
import { DynamoLookupGuard } from '../../adapters/dynamodb/lookup-guard.ts';
import { citizenLookupRecorder } from '../../core/audit/record-citizen-lookup.ts';
import type { LookupGuard, LookupRecorder } from '../../core/status-lookup/ports.ts';
import { auditShards } from './audit-shards.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock } from './log-and-clock.ts';

/** What both citizen-facing lookups use (the public status API, the notice function's status keywords). */
export function lookupParts(): { guard: LookupGuard; recorder: LookupRecorder } {
  const { tableName, auditTableName } = readEnvironment(['tableName', 'auditTableName']);
  return {
    guard: new DynamoLookupGuard(documentClient(), tableName),
    recorder: citizenLookupRecorder({ store: new DynamoAuditChainStore(documentClient(), auditTableName), clock, shards: auditShards() }),
  };
}
