import * as z from '../../../schemas/zod-mini.ts';
import { CategorySchema } from '../../core/queries.ts';
import { MAX_EXTENSIONS } from '../../core/deadlines/extend-deadline.ts';
import { MAX_OVERDUE_PAGE } from '../../core/deadlines/list-overdue.ts';
import { PETITION_TYPES } from '../../core/deadlines/petition-types.ts';

/**
 * Bodies and queries of the complaints API's workspace routes (category and agency, petition
 * type, deadline extension, the overdue list). The stack's JSON models mirror these; the Lambda
 * checks again, as API Gateway's validation is the first of two.
 */
const Reason = z.string().check(z.trim(), z.minLength(1, 'reason is required'), z.maxLength(1000));
const Agency = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100));

export const AssignmentBodySchema = z
  .object({ category: z.optional(CategorySchema), agency: z.optional(Agency), reason: Reason })
  .check(z.refine((body) => body.category !== undefined || body.agency !== undefined, { message: 'name a category, an agency or both' }));

export const PetitionTypeBodySchema = z.object({ type: z.enum(PETITION_TYPES), reason: Reason });

export const DeadlineExtensionBodySchema = z.object({
  reason: Reason,
  /**
   * Which extension this is (1, or 2 with the citizen's consent). Required: a retried request
   * names the same number and is recognised, where "the next one" would extend twice.
   */
  extensionNumber: z.int().check(z.gte(1), z.lte(MAX_EXTENSIONS)),
  citizenConsent: z.optional(z.boolean()),
  /** In the petition type's own unit; default and maximum: the type's whole period. */
  amount: z.optional(z.int().check(z.gte(1), z.lte(14))),
});

export const OverdueQuerySchema = z.strictObject({
  now: z.optional(z.iso.datetime({ offset: true })),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_OVERDUE_PAGE)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from this API'))),
});
