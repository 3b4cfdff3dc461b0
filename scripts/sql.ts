import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ExportDatabase, formatTable } from '../functions/adapters/export/duckdb-exports.ts';
import { EXPORT_TABLES } from '../functions/core/export/export-tables.ts';
import { loadLocalConfig } from '../local/config.ts';
import { exportsFolder } from '../local/export-store.ts';

/**
 * `npm run sql -- "SELECT kst_day, channel, count(*) FROM complaints GROUP BY 1, 2"`: runs one query
 * on DuckDB over DATA_DIR/exports (written by `npm run export`), with the tables and views the
 * Athena database has, and prints a table (`--json`: one JSON object per row).
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
const folder = exportsFolder(loadLocalConfig().dataDir);
const sql = positionals.join(' ').trim();
if (!sql) {
  process.stdout.write('usage: npm run sql -- "SELECT ..."\nviews (newest version of each item) and their versions tables:\n');
  for (const table of EXPORT_TABLES) process.stdout.write(`  ${table.view.padEnd(16)} ${table.versions.padEnd(24)} ${table.description}\n`);
  process.exit(0);
}
try {
  await access(folder);
} catch {
  process.stderr.write(`no export in ${folder}: run npm run export first\n`);
  process.exit(1);
}
const database = await ExportDatabase.open(folder);
try {
  const result = await database.query(sql);
  if (values.json) {
    for (const row of result.rows) process.stdout.write(`${JSON.stringify(Object.fromEntries(result.columns.map((name, i) => [name, row[i]])))}\n`);
  } else {
    process.stdout.write(`${formatTable(result)}\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  database.close();
}
