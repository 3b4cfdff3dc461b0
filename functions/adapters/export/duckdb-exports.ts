import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_TYPES, EXPORT_TABLES, versionColumns, type ExportTable } from '../../core/export/export-tables.ts';
import { latestVersionViewSql } from '../../core/export/views-sql.ts';
import { snapshotFile } from './ndjson-folder-sink.ts';

export interface QueryResult {
  readonly columns: readonly string[];
  /** Values as JSON: numbers, strings (BIGINT and timestamps as strings), booleans, null. */
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The versions table as DuckDB reads it: the JSON-lines file with the schema's own types (never inferred). */
function versionsViewSql(folder: string, table: ExportTable): string {
  const columns = versionColumns(table)
    .map((column) => `${column.name}: ${quote(DUCKDB_TYPES[column.type])}`)
    .join(', ');
  return `CREATE OR REPLACE VIEW ${table.versions} AS SELECT * FROM read_json(${quote(snapshotFile(folder, table))}, format = 'newline_delimited', columns = {${columns}})`;
}

/**
 * DuckDB in memory over an export folder, with the same tables and views as the Athena database:
 * each versions table over its file, each entity view created by the very SQL Athena runs.
 * Extensions are never installed or loaded from the network (JSON is built into the package).
 */
export class ExportDatabase {
  readonly #connection: DuckDBConnection;

  private constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  static async open(folder: string): Promise<ExportDatabase> {
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const connection = await instance.connect();
    for (const table of EXPORT_TABLES) {
      await connection.run(versionsViewSql(folder, table));
      await connection.run(latestVersionViewSql(table));
    }
    return new ExportDatabase(connection);
  }

  async query(sql: string): Promise<QueryResult> {
    const reader = await this.#connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJson() };
  }

  close(): void {
    this.#connection.closeSync();
  }
}

/** A plain-text table, as psql or the DuckDB shell print one. */
export function formatTable(result: QueryResult): string {
  const cell = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  const rows = result.rows.map((row) => row.map(cell));
  const widths = result.columns.map((name, i) => Math.max([...name].length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: readonly string[]) => cells.map((text, i) => text + ' '.repeat((widths[i] ?? 0) - [...text].length)).join(' | ').trimEnd();
  return [line(result.columns), widths.map((width) => '-'.repeat(width)).join('-+-'), ...rows.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n');
}
