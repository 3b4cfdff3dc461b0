import * as z from '../../../schemas/zod-mini.ts';
import type { ActorDaySummary } from './review-model.ts';

const Count = z.number().check(z.int(), z.gte(0));

const ActorDaySummarySchema = z.object({
  day: z.iso.date(),
  subject: z.string(),
  username: z.string(),
  roles: z.partialRecord(z.enum(['counselor', 'supervisor', 'auditor', 'none']), Count),
  records: Count,
  refused: Count,
  citizens: z.array(z.string()),
  unmasks: z.array(
    z.object({
      at: z.string(),
      eventId: z.string(),
      complaintId: z.optional(z.string()),
      citizenKeyHash: z.optional(z.string()),
      reason: z.string(),
    }),
  ),
  exports: Count,
  statisticsDownloads: Count,
  hours: z.array(Count).check(z.length(24)),
});

/** A stored day summary, or null when it does not parse (the day is then computed from its records). */
export function parseDaySummary(value: unknown): ActorDaySummary | null {
  const result = ActorDaySummarySchema.safeParse(value);
  return result.success ? result.data : null;
}
