import { CaseIdSchema } from './case-id.ts';
import * as z from './zod-mini.ts';

/* Public self-service answers (docs/adr/0029-self-service-answers.md) and their statistics route. */

export const AnswerLanguageSchema = z._default(z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn']), 'ko');
/** The page's random id for one visit (sessionStorage): nothing about a person. */
export const VisitIdSchema = z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, 'visit must be 8-64 letters, digits or "-"'));
export { CaseIdSchema };

/** GET /answers/search?q=&lang=&visit= */
export const AnswerSearchQuerySchema = z.object({
  q: z.string().check(z.trim(), z.minLength(1, 'q is required'), z.maxLength(200)),
  lang: AnswerLanguageSchema,
  visit: z.optional(VisitIdSchema),
});

/** GET /answers/{caseId}?lang=&visit= */
export const AnswerOpenQuerySchema = z.object({ lang: AnswerLanguageSchema, visit: z.optional(VisitIdSchema) });

/** POST /answers/{caseId}/not-helpful */
export const NotHelpfulBodySchema = z.object({ language: AnswerLanguageSchema, visitId: z.optional(VisitIdSchema) });

/** What a chat frame or an SMS tag attaches to a contact made from an answer page. */
export const SelfServiceRefSchema = z.object({ caseId: CaseIdSchema, visitId: z.optional(VisitIdSchema) });
export type SelfServiceRef = z.infer<typeof SelfServiceRefSchema>;

const DAY = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a KST date YYYY-MM-DD'));
/** The longest range one request may ask for. */
export const MAX_STATS_DAYS = 92;

/** GET /api/self-service/stats?from=&to= (KST days, both included). */
export const SelfServiceStatsQuerySchema = z.object({ from: DAY, to: DAY }).check(
  z.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] }),
  z.refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_STATS_DAYS, { message: `at most ${MAX_STATS_DAYS} days per request`, path: ['to'] }),
);
