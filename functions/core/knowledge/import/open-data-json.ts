import { emptyParse, type ParsedRows } from './parsed-rows.ts';
import { jsonElementLines } from './json-element-lines.ts';
import { proposalFromOwnRecord } from './ndjson-record.ts';
import { proposalFromOpenDataRecord } from './open-data-columns.ts';

/** Where the records are in the JSON shapes the FAQ is served in. */
const RECORD_PATHS: readonly (readonly string[])[] = [
  [], // a bare array (our export, or the records alone)
  ['records'], // data.go.kr file data as JSON: { fields: [...], records: [...] }
  ['data'], // odcloud OpenAPI: { currentCount, data: [...], page, perPage, totalCount }
  ['response', 'body', 'items', 'item'], // data.go.kr OpenAPI JSON
  ['response', 'body', 'items'],
  ['items'],
];

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A JSON document holding cases: an array of our NDJSON records (objects with `caseId`) or
 * of open-data FAQ records (일련번호, 대분류명, 질문, ...), bare or inside the wrappers the
 * open-data portals use. Bad records are reported by the line they start on.
 */
export function parseCasesJson(text: string): ParsedRows {
  const out = emptyParse();
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    out.rejected.push({ line: 1, reason: `not JSON: ${(error as Error).message}` });
    return out;
  }
  const path = RECORD_PATHS.find((p) => Array.isArray(at(document, p)));
  if (!path) {
    out.rejected.push({ line: 1, reason: 'no array of cases found (expected an array, or one under "records", "data" or response.body.items.item)' });
    return out;
  }
  const records = at(document, path) as unknown[];
  const lines = jsonElementLines(text, path);
  records.forEach((record, index) => {
    const line = lines[index] ?? 1;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      out.rejected.push({ line, reason: `record ${index + 1} is not an object` });
      return;
    }
    const proposal = 'caseId' in record ? proposalFromOwnRecord(record, 'open-data-json') : proposalFromOpenDataRecord(record as Record<string, unknown>, 'open-data-json');
    if ('reason' in proposal) out.rejected.push({ line, reason: proposal.reason });
    else out.rows.push({ line, proposal });
  });
  return out;
}
