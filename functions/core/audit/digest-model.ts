import * as z from '../../../schemas/zod-mini.ts';

export const DIGEST_FORMAT = 'cgw-audit-digest/1';

const HEX64 = /^[0-9a-f]{64}$/;

const ShardSealSchema = z.object({
  shard: z.number().check(z.int(), z.gte(0)),
  /** Records found in the chain when it was sealed. */
  count: z.number().check(z.int(), z.gte(1)),
  headSeq: z.number().check(z.int(), z.gte(1)),
  headHash: z.string().check(z.regex(HEX64)),
  headEventId: z.string(),
});
export type ShardSeal = z.output<typeof ShardSealSchema>;

/** The day's seal: each non-empty chain's head and length. Holds no personal data. */
export const DailyDigestSchema = z.object({
  format: z.literal(DIGEST_FORMAT),
  day: z.iso.date(),
  sealedAt: z.iso.datetime(),
  shards: z.array(ShardSealSchema),
  totalRecords: z.number().check(z.int(), z.gte(0)),
  /** Problems the sealing run itself found (0 for a chain that verified when sealed). */
  findingsAtSeal: z.number().check(z.int(), z.gte(0)),
});
export type DailyDigest = z.output<typeof DailyDigestSchema>;

/** Two digests seal the same chains (when they were written does not matter). */
export function sameSeal(a: DailyDigest, b: DailyDigest): boolean {
  return a.day === b.day && JSON.stringify(a.shards) === JSON.stringify(b.shards);
}

/** Parses a stored digest; a digest that does not parse is itself a finding, so this throws with the reason. */
export function parseDigest(text: string): DailyDigest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('stored digest is not JSON');
  }
  const result = DailyDigestSchema.safeParse(value);
  if (!result.success) throw new Error(`stored digest is malformed: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return result.data;
}

export function serializeDigest(digest: DailyDigest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}
