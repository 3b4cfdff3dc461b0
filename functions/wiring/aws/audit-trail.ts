import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../schemas/zod-mini.ts';
import { DynamoAuditStore } from '../../adapters/dynamodb/audit-store.ts';
import type { AuditTrailDeps } from '../../core/audit/deps.ts';
import type { DigestStore } from '../../core/audit/ports.ts';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../core/audit/review-model.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import { ENV } from '../env-names.ts';
import { AuditShardsSchema } from './audit-shards.ts';

const HOURS = /^(\d{1,2})-(\d{1,2})$/;

const AuditSettingsSchema = z.object({
  [ENV.auditShards]: AuditShardsSchema,
  [ENV.auditWorkingHours]: z.optional(
    z.string().check(
      z.regex(HOURS, 'working hours are HH-HH (KST), e.g. 09-18'),
      z.refine((value) => {
        const [, start, end] = HOURS.exec(value) ?? [];
        return Number(start) < Number(end) && Number(end) <= 24;
      }, 'working hours must start before they end, within 0-24'),
    ),
  ),
  [ENV.auditWorkingDays]: z.optional(z.string().check(z.regex(/^[1-7](,[1-7])*$/, 'working days are ISO weekdays, e.g. 1,2,3,4,5'))),
  [ENV.auditHolidays]: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/, 'holidays are YYYY-MM-DD, comma-separated'))),
});

/** Shard count and review policy from the environment (all optional); a malformed value fails loudly. */
export function auditSettings(env: NodeJS.ProcessEnv = process.env): { shards: number; policy: ReviewPolicy } {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = AuditSettingsSchema.safeParse(present);
  if (!result.success) throw new Error(`invalid audit settings: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  const settings = result.data;
  const hours = settings[ENV.auditWorkingHours];
  const [, start, end] = hours ? (HOURS.exec(hours) ?? []) : [];
  const defaults = DEFAULT_REVIEW_POLICY.workingHours;
  return {
    shards: settings[ENV.auditShards],
    policy: {
      ...DEFAULT_REVIEW_POLICY,
      workingHours: {
        startHour: start === undefined ? defaults.startHour : Number(start),
        endHour: end === undefined ? defaults.endHour : Number(end),
        weekdays: settings[ENV.auditWorkingDays]?.split(',').map(Number) ?? defaults.weekdays,
        holidays: settings[ENV.auditHolidays]?.split(',') ?? defaults.holidays,
      },
    },
  };
}

/**
 * The audit trail's deps from a document client, the audit table's name and a digest store: what
 * both runtimes share (Lambda passes the S3 digest store, the local gateway its DATA_DIR folder).
 */
export function auditTrailDeps(parts: { db: DynamoDBDocumentClient; tableName: string; digests: DigestStore; clock: Clock; env?: NodeJS.ProcessEnv }): AuditTrailDeps {
  const { shards, policy } = auditSettings(parts.env);
  return { store: new DynamoAuditStore(parts.db, parts.tableName), digests: parts.digests, clock: parts.clock, shards, policy };
}
