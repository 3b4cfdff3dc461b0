import type { ExportTable } from './export-tables.ts';

/**
 * The view over a versions table: each item's newest version, deleted items left out. Written in
 * the SQL both Athena (Trino) and DuckDB accept: a window function in a subquery, no `* EXCLUDE`
 * (DuckDB only) and no engine-specific functions, so the one definition is created on both.
 */
export function latestVersionViewSql(table: ExportTable): string {
  const columns = table.columns.map((column) => column.name).join(', ');
  return [
    `CREATE OR REPLACE VIEW ${table.view} AS`,
    `SELECT ${columns}`,
    'FROM (',
    `  SELECT v.*, row_number() OVER (PARTITION BY v.item_key ORDER BY v.version_us DESC) AS version_rank`,
    `  FROM ${table.versions} v`,
    ') latest',
    'WHERE latest.version_rank = 1 AND NOT latest.deleted',
  ].join('\n');
}
