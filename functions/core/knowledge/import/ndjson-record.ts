import { KOREAN_FIELD_KEYS, NdjsonCaseSchema } from '../../../../schemas/knowledge.ts';
import type { CaseProposal, StructuredFields } from '../model.ts';
import { parseSourceDate } from './source-dates.ts';
import { describeIssues } from './parsed-rows.ts';

/** One record of our own format (an NDJSON line, or an object of a JSON array that has `caseId`). */
export function proposalFromOwnRecord(record: unknown, format: 'ndjson' | 'open-data-json'): CaseProposal | { reason: string } {
  const parsed = NdjsonCaseSchema.safeParse(record);
  if (!parsed.success) return { reason: describeIssues(parsed.error.issues) };
  const r = parsed.data;
  const fields: StructuredFields = { ...r.fields };
  for (const [korean, key] of Object.entries(KOREAN_FIELD_KEYS) as [keyof typeof KOREAN_FIELD_KEYS, keyof StructuredFields][]) {
    const value = r[korean];
    if (value) fields[key] = value;
  }
  let updatedAt: string | undefined;
  if (r.updatedAt !== undefined) {
    const parsedDate = parseSourceDate(r.updatedAt);
    if (!parsedDate) return { reason: `updatedAt: "${r.updatedAt}" is not a date (ISO 8601, or YYYY-MM-DD[ HH:mm[:ss]] in KST)` };
    updatedAt = parsedDate;
  }
  return {
    caseId: r.caseId,
    content: {
      category: r.category,
      ...(r.subCategory ? { subCategory: r.subCategory } : {}),
      title: r.title,
      question: r.question,
      answer: r.answer,
      ...(r.agency ? { agency: r.agency } : {}),
      keywords: r.keywords ?? [],
      fields,
      translations: r.translations ?? {},
    },
    ...(updatedAt ? { updatedAt } : {}),
    ...(r.version !== undefined ? { version: r.version } : {}),
    ...(r.status ? { status: r.status } : {}),
    source: { format },
  };
}
