import * as z from './zod-mini.ts';
import { CaseIdSchema } from './case-id.ts';
import { CASE_ID_PATTERN } from './constants.ts';

export { CASE_ID_PATTERN, CaseIdSchema };

/*
 * Knowledge base inputs: the NDJSON import record (our own format) and the request bodies of
 * the knowledge routes. The open-data CSV/JSON columns are mapped in
 * functions/core/knowledge/import/open-data-columns.ts.
 */

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));


export const KnowledgeLanguageSchema = z.enum(['en', 'zh', 'ja', 'vi', 'mn']);

export const StructuredFieldsSchema = z.object({
  overview: optionalText(4000),
  eligibility: optionalText(4000),
  applicationMethod: optionalText(4000),
  requiredDocuments: optionalText(4000),
  procedure: optionalText(4000),
  processingPeriod: optionalText(1000),
  issuance: optionalText(1000),
  reportingDeadline: optionalText(1000),
  penalty: optionalText(2000),
});

export const CaseTranslationsSchema = z.partialRecord(KnowledgeLanguageSchema, z.object({ title: optionalText(300), answer: optionalText(10000) }));

/** The Korean names of the structured fields, accepted at the top level of an NDJSON record. */
export const KOREAN_FIELD_KEYS = {
  업무개요: 'overview',
  신청대상: 'eligibility',
  신청방법: 'applicationMethod',
  구비서류: 'requiredDocuments',
  처리절차: 'procedure',
  처리기한: 'processingPeriod',
  교부방법: 'issuance',
  신고기한: 'reportingDeadline',
  과태료: 'penalty',
} as const;

const koreanFieldShape = Object.fromEntries(Object.keys(KOREAN_FIELD_KEYS).map((k) => [k, optionalText(4000)])) as Record<keyof typeof KOREAN_FIELD_KEYS, ReturnType<typeof optionalText>>;

/** Lengths every import format and the edit API share. */
export const CASE_TEXT_LIMITS = { category: 50, title: 300, question: 4000, answer: 10000 } as const;
export const MAX_KEYWORDS = 50;
const KeywordsSchema = z.array(text(50)).check(z.maxLength(MAX_KEYWORDS));

/** The text of a case, as both the NDJSON record and the edit body carry it. */
const caseTextShape = {
  category: text(CASE_TEXT_LIMITS.category),
  subCategory: optionalText(50),
  title: text(CASE_TEXT_LIMITS.title),
  question: text(CASE_TEXT_LIMITS.question),
  answer: text(CASE_TEXT_LIMITS.answer),
  agency: optionalText(200),
};

/**
 * One line of our NDJSON: `{"caseId","category","title","question","answer","agency"?,"keywords"?:[],"updatedAt"?}`
 * plus the structured fields (English keys under `fields`, or the Korean names at the top
 * level), `subCategory`, `translations`, `version` and `status` (published or draft).
 * Unknown keys are ignored.
 */
export const NdjsonCaseSchema = z.object({
  caseId: CaseIdSchema,
  ...caseTextShape,
  keywords: z.optional(KeywordsSchema),
  updatedAt: z.optional(z.string()),
  version: z.optional(z.int().check(z.positive())),
  status: z.optional(z.enum(['published', 'draft'])),
  fields: z.optional(StructuredFieldsSchema),
  translations: z.optional(CaseTranslationsSchema),
  ...koreanFieldShape,
});
export type NdjsonCase = z.infer<typeof NdjsonCaseSchema>;

/** GET /api/knowledge/search?q=&limit=&category= */
export const KnowledgeSearchQuerySchema = z.object({
  q: text(200),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  category: optionalText(50),
});
export type KnowledgeSearchQuery = z.infer<typeof KnowledgeSearchQuerySchema>;

/** PUT /api/knowledge/cases/{caseId}: the whole new content, against the version it edits. */
export const EditCaseBodySchema = z.object({
  expectedVersion: z.int().check(z.positive()),
  ...caseTextShape,
  keywords: z._default(KeywordsSchema, []),
  fields: z._default(StructuredFieldsSchema, {}),
  translations: z._default(CaseTranslationsSchema, {}),
  note: optionalText(500),
});
export type EditCaseBody = z.infer<typeof EditCaseBodySchema>;

/** POST /api/knowledge/cases/{caseId}/retire and /publish. */
export const CaseStatusChangeBodySchema = z.object({
  expectedVersion: z.int().check(z.positive()),
  note: text(500),
});

const ComplaintIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'complaintId must be 1-64 URL-safe characters'));

/** POST /api/knowledge/feedback */
export const SuggestionFeedbackBodySchema = z.object({
  complaintId: ComplaintIdSchema,
  caseId: CaseIdSchema,
  helpful: z.boolean(),
});

/** POST /api/knowledge/drafts */
export const DraftFromComplaintBodySchema = z.object({
  complaintId: ComplaintIdSchema,
  category: optionalText(50),
  title: optionalText(300),
});

export const QUICK_RESPONSE_LANGUAGES = ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const;
export const QuickResponseLanguageSchema = z.enum(QUICK_RESPONSE_LANGUAGES);

/** PUT /api/quick-responses/{id} (the id is the shortcut) */
export const QuickResponseBodySchema = z.object({
  title: text(100),
  texts: z.partialRecord(QuickResponseLanguageSchema, text(2000)),
  expectedVersion: z.optional(z.int().check(z.minimum(0))),
});
export type QuickResponseBody = z.infer<typeof QuickResponseBodySchema>;

/** POST /api/quick-responses/{id}/fill: placeholders the complaint cannot give may come in `values`. */
export const FillQuickResponseBodySchema = z.object({
  complaintId: ComplaintIdSchema,
  language: z.optional(QuickResponseLanguageSchema),
  caseId: z.optional(CaseIdSchema),
  values: z.optional(z.record(z.string().check(z.regex(/^[A-Za-z]{1,30}$/, 'placeholder names are letters')), text(300))),
});

/** GET /api/quick-responses?q=&language= */
export const QuickResponseQuerySchema = z.object({
  q: optionalText(30),
  language: z.optional(QuickResponseLanguageSchema),
});

/** GET /api/knowledge/gaps?limit= */
export const KnowledgeGapsQuerySchema = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});
