import { csvRecords } from './csv-records.ts';
import { emptyParse, type ParsedRows } from './parsed-rows.ts';
import { missingColumns, proposalFromOpenDataRecord } from './open-data-columns.ts';

/**
 * The open-data FAQ as CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * The first record is the header. Each row is reported by the line it starts on; a quote left
 * open runs to the end of the file, so it is reported at the line it opened on and the rows
 * before it still import.
 */
export function parseOpenDataCsv(text: string): ParsedRows {
  const out = emptyParse();
  const { records, unclosedQuoteLine } = csvRecords(text);
  const [header, ...rows] = records;
  if (!header) {
    out.rejected.push({ line: 1, reason: 'the file is empty: expected a header row (일련번호, FAQ구분, 대분류코드, 대분류명, 질문, 수정일시, ...)' });
    return out;
  }
  const headers = header.fields.map((h) => h.trim());
  const missing = missingColumns(headers);
  if (missing.length > 0) {
    out.rejected.push({ line: header.line, reason: `missing column(s) ${missing.join(', ')}; found ${headers.join(', ')}` });
    return out;
  }
  for (const row of rows) {
    if (row.fields.length !== headers.length) {
      out.rejected.push({ line: row.line, reason: `has ${row.fields.length} fields, the header has ${headers.length}` });
      continue;
    }
    const record = Object.fromEntries(headers.map((h, i) => [h, row.fields[i]]));
    const proposal = proposalFromOpenDataRecord(record, 'open-data-csv');
    if ('reason' in proposal) out.rejected.push({ line: row.line, reason: proposal.reason });
    else out.rows.push({ line: row.line, proposal });
  }
  if (unclosedQuoteLine !== undefined) out.rejected.push({ line: unclosedQuoteLine, reason: 'unreadable CSV: a quoted field opened here is never closed (the rest of the file was not read)' });
  return out;
}
