import { EXPORT_TABLES, type ExportSource, type ExportTable } from './export-tables.ts';
import { projectDeletion, projectItem, type ExportRow } from './project-item.ts';

/** One item version read from a table scan or a DynamoDB export file. */
export type ItemVersion =
  | { readonly kind: 'item'; readonly item: Readonly<Record<string, unknown>>; readonly versionUs: number }
  | { readonly kind: 'deletion'; readonly keys: Readonly<Record<string, unknown>>; readonly versionUs: number };

/** Where rows go: a folder of JSON-lines files locally, S3 objects in AWS. */
export interface RowSink {
  append(table: ExportTable, rows: readonly ExportRow[]): Promise<void>;
}

export type RowCounts = Record<string, number>;

const BATCH = 500;

/**
 * Projects every item version of one source table into rows of the export tables (the masked,
 * allow-listed columns only) and hands them to the sink in batches. Returns rows per versions table.
 */
export async function exportRows(source: ExportSource, versions: AsyncIterable<ItemVersion>, sink: RowSink): Promise<RowCounts> {
  const pending = new Map<ExportTable, ExportRow[]>();
  const counts: RowCounts = Object.fromEntries(EXPORT_TABLES.filter((table) => table.source === source).map((table) => [table.versions, 0]));
  const flush = async (table: ExportTable) => {
    const rows = pending.get(table);
    if (!rows || rows.length === 0) return;
    pending.set(table, []);
    await sink.append(table, rows);
  };
  for await (const version of versions) {
    const projected = version.kind === 'item' ? projectItem(source, version.item, version.versionUs) : projectDeletion(source, version.keys, version.versionUs);
    if (!projected) continue;
    const rows = pending.get(projected.table) ?? [];
    rows.push(projected.row);
    pending.set(projected.table, rows);
    counts[projected.table.versions] = (counts[projected.table.versions] ?? 0) + 1;
    if (rows.length >= BATCH) await flush(projected.table);
  }
  for (const table of pending.keys()) await flush(table);
  return counts;
}
