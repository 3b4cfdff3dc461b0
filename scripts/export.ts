import { loadLocalConfig } from '../local/config.ts';
import { exportLocalStore } from '../local/export-store.ts';

/**
 * `npm run export`: writes the auditor tables (complaints, messages, status events, replies, access
 * records; masked) from the local store to DATA_DIR/exports, for `npm run sql`.
 * DYNAMODB_ENDPOINT reads a running gateway's store; otherwise DATA_DIR's store is opened directly.
 */
const config = loadLocalConfig();
try {
  const result = await exportLocalStore({
    dataDir: config.dataDir,
    tableName: config.TABLE_NAME,
    auditTableName: config.AUDIT_TABLE_NAME,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    now: new Date(),
  });
  process.stdout.write(`exported from ${result.store} to ${result.folder}\n`);
  for (const [table, rows] of Object.entries(result.counts)) process.stdout.write(`  ${table}: ${rows}\n`);
  for (const table of result.missingTables) process.stdout.write(`  (no table ${table} in the store: its rows are empty)\n`);
} catch (error) {
  process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
