import { emptyParse, type ParsedRows } from './parsed-rows.ts';
import { proposalFromOwnRecord } from './ndjson-record.ts';

/** Our NDJSON: one case per line; blank lines are skipped, every other line is a row. */
export function parseNdjson(text: string): ParsedRows {
  const out = emptyParse();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const source = raw.trim();
    if (source === '') return;
    let record: unknown;
    try {
      record = JSON.parse(source);
    } catch (error) {
      out.rejected.push({ line, reason: `not JSON: ${(error as Error).message}` });
      return;
    }
    const proposal = proposalFromOwnRecord(record, 'ndjson');
    if ('reason' in proposal) out.rejected.push({ line, reason: proposal.reason });
    else out.rows.push({ line, proposal });
  });
  return out;
}
