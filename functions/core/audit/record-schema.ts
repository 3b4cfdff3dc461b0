import * as z from '../../../schemas/zod-mini.ts';
import { AUDIT_ACTIONS, AUDIT_ROLES, type AccessRecord } from './model.ts';

const HEX64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** A stored record read back; what fails here is reported by verification, never trusted. */
const AccessRecordSchema = z.object({
  v: z.literal(1),
  eventId: z.string(),
  at: z.iso.datetime(),
  day: z.iso.date(),
  shard: z.number().check(z.int(), z.gte(0)),
  seq: z.number().check(z.int(), z.gte(1)),
  actorSubject: z.string(),
  actorUsername: z.string(),
  role: z.enum([...AUDIT_ROLES, 'none']),
  sourceIp: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  outcome: z.enum(['allowed', 'refused']),
  refusal: z.optional(z.enum(['unauthenticated', 'forbidden'])),
  route: z.optional(z.string()),
  requestId: z.string(),
  complaintId: z.optional(z.string()),
  citizenKeyHash: z.optional(z.string()),
  reason: z.optional(z.string()),
  resultCount: z.optional(z.number().check(z.int(), z.gte(0))),
  prevHash: HEX64,
  prevEventId: z.optional(z.string()),
  hash: HEX64,
});

/** The record, or null when the stored fields do not make one. */
export function parseAccessRecord(fields: Readonly<Record<string, unknown>>): AccessRecord | null {
  const result = AccessRecordSchema.safeParse(fields);
  // The brands (hash, id, masked reason) were checked when the record was written; the hash vouches for them since.
  return result.success ? (result.data as AccessRecord) : null;
}
