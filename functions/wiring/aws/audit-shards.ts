import * as z from '../../../schemas/zod-mini.ts';
import { DEFAULT_SHARDS, MAX_SHARDS } from '../../core/audit/chain.ts';
import { ENV } from '../env-names.ts';

/** AUDIT_SHARDS: chains per KST day for new records (1..64, default 8). */
export const AuditShardsSchema = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_SHARDS)), DEFAULT_SHARDS);

/** The shard count alone: what a staff function's recorder needs (the review policy is the audit API's). */
export function auditShards(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[ENV.auditShards];
  const result = AuditShardsSchema.safeParse(value === '' ? undefined : value);
  if (!result.success) throw new Error(`invalid audit settings: ${ENV.auditShards} ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}
