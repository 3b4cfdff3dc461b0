import { readFileSync } from 'node:fs';
import { canonicalContent, contentHash } from '../../functions/core/knowledge/case-content.ts';
import { parseOpenDataCsv } from '../../functions/core/knowledge/import/open-data-csv.ts';
import type { CaseProposal, KnowledgeCase } from '../../functions/core/knowledge/model.ts';

export const STARTER_CSV = new URL('../../data/knowledge/cases-starter.csv', import.meta.url).pathname;
export const LABELLED_QUERIES = new URL('../fixtures/knowledge/queries.json', import.meta.url).pathname;

export interface LabelledQuery {
  q: string;
  kind: string;
  expected: string[];
}

/** A proposal as the first published version, without a store (for engine tests and the bench). */
export function asPublishedCase(p: CaseProposal, at = '2025-01-01T00:00:00.000Z'): KnowledgeCase {
  const content = canonicalContent(p.content);
  return {
    caseId: p.caseId,
    ...content,
    version: 1,
    status: 'published',
    updatedAt: p.updatedAt ?? at,
    contentHash: contentHash(content),
    recordedAt: at,
    recordedBy: { id: 'test', role: 'system' },
  };
}

/** The team's starter set, parsed by the real open-data CSV parser. */
export function starterCases(): KnowledgeCase[] {
  const parsed = parseOpenDataCsv(readFileSync(STARTER_CSV, 'utf8'));
  if (parsed.rejected.length > 0) throw new Error(`starter set has rejected rows: ${JSON.stringify(parsed.rejected)}`);
  return parsed.rows.map((r) => asPublishedCase(r.proposal));
}

export function labelledQueries(): LabelledQuery[] {
  return JSON.parse(readFileSync(LABELLED_QUERIES, 'utf8')) as LabelledQuery[];
}

/** Share of queries with an expected case among the top 3, and the misses. */
export function recallAt3(search: (q: string) => { caseId: string }[], queries: readonly LabelledQuery[]) {
  const misses: { q: string; kind: string; expected: string[]; got: string[] }[] = [];
  for (const query of queries) {
    const got = search(query.q)
      .slice(0, 3)
      .map((h) => h.caseId);
    if (!got.some((id) => query.expected.includes(id))) misses.push({ ...query, got });
  }
  return { recall: (queries.length - misses.length) / queries.length, misses };
}
