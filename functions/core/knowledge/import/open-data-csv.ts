import { parse } from 'csv-parse/sync';
import { emptyParse, type ParsedRows } from './parsed-rows.ts';
import { missingColumns, proposalFromOpenDataRecord } from './open-data-columns.ts';

const newlines = (text: string): number => (text.match(/\n/g) ?? []).length;

/**
 * The open-data FAQ as CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * The first record is the header. Each row is reported by the line it starts on; a row the
 * parser cannot read (an unclosed quote runs to the end of the file) is reported, and the
 * rows before it still import.
 */
export function parseOpenDataCsv(text: string): ParsedRows {
  const out = emptyParse();
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) out.rejected.push({ line: (error as Error & { lines?: number }).lines ?? 0, reason: `unreadable CSV: ${error.message}` });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  } catch (error) {
    out.rejected.push({ line: (error as Error & { lines?: number }).lines ?? 1, reason: `unreadable CSV: ${(error as Error).message}` });
    return out;
  }
  const [header, ...rows] = records;
  if (!header) {
    out.rejected.push({ line: 1, reason: 'the file is empty: expected a header row (일련번호, FAQ구분, 대분류코드, 대분류명, 질문, 수정일시, ...)' });
    return out;
  }
  const headers = header.record.map((h) => h.trim());
  const missing = missingColumns(headers);
  if (missing.length > 0) {
    out.rejected.push({ line: startLine(header), reason: `missing column(s) ${missing.join(', ')}; found ${headers.join(', ')}` });
    return out;
  }
  for (const row of rows) {
    const line = startLine(row);
    if (row.record.length !== headers.length) {
      out.rejected.push({ line, reason: `has ${row.record.length} fields, the header has ${headers.length}` });
      continue;
    }
    const record = Object.fromEntries(headers.map((h, i) => [h, row.record[i]]));
    const proposal = proposalFromOpenDataRecord(record, 'open-data-csv');
    if ('reason' in proposal) out.rejected.push({ line, reason: proposal.reason });
    else out.rows.push({ line, proposal });
  }
  return out;
}

/** info.lines is the line a record ends on; raw holds the record and any blank lines before it. */
function startLine(row: { info: { lines: number }; raw: string }): number {
  const trailing = row.raw.endsWith('\n') ? 1 : 0;
  const leadingBlank = newlines(/^\s*/.exec(row.raw)?.[0] ?? '');
  return row.info.lines - (newlines(row.raw) - trailing - leadingBlank);
}
