import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scanTable } from '../functions/adapters/export/dynamodb-scan.ts';
import { NdjsonFolderSink } from '../functions/adapters/export/ndjson-folder-sink.ts';
import { exportRows, type RowCounts } from '../functions/core/export/export-rows.ts';
import type { ExportSource } from '../functions/core/export/export-tables.ts';
import { embeddedDynamoClient, startEmbeddedDynamo } from './embedded-dynamodb.ts';
import { findRunningGateway } from './running-gateway.ts';

/** Where exports go under DATA_DIR; `npm run sql` reads the same folder. */
export const exportsFolder = (dataDir: string): string => join(dataDir, 'exports');

export interface LocalExportOptions {
  readonly dataDir: string;
  readonly tableName: string;
  readonly auditTableName: string;
  /** The store of a running gateway (its DYNAMODB endpoint); without it, the store under DATA_DIR is opened directly. */
  readonly endpoint?: string;
  readonly now: Date;
}

export interface LocalExportResult {
  readonly folder: string;
  readonly counts: RowCounts;
  /** Source tables the store does not have (the audit table before any access was recorded). */
  readonly missingTables: readonly string[];
  readonly store: string;
}

/**
 * `npm run export`: a snapshot of the complaint and audit tables, projected exactly as the AWS
 * transform projects exports (masked, allow-listed columns), written as JSON lines per table into
 * DATA_DIR/exports. Reads a running gateway's store over the DynamoDB API, or opens DATA_DIR's store
 * itself when no gateway holds it.
 */
export async function exportLocalStore(options: LocalExportOptions): Promise<LocalExportResult> {
  const store = options.endpoint ? { endpoint: options.endpoint, close: async () => undefined } : await openDataDirStore(options.dataDir);
  const client = embeddedDynamoClient(store.endpoint);
  const db = DynamoDBDocumentClient.from(client);
  const folder = exportsFolder(options.dataDir);
  const sink = await NdjsonFolderSink.open(folder);
  const versionUs = options.now.getTime() * 1000;
  const counts: RowCounts = {};
  const missingTables: string[] = [];
  try {
    const sources: Array<[ExportSource, string]> = [
      ['complaints', options.tableName],
      ['audit', options.auditTableName],
    ];
    for (const [source, tableName] of sources) {
      try {
        Object.assign(counts, await exportRows(source, scanTable(db, tableName, versionUs), sink));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        missingTables.push(tableName);
      }
    }
    await sink.commit();
    return { folder, counts, missingTables, store: options.endpoint ?? join(options.dataDir, 'dynamodb') };
  } catch (error) {
    await sink.abandon();
    throw error;
  } finally {
    client.destroy();
    await store.close();
  }
}

async function openDataDirStore(dataDir: string) {
  const path = join(dataDir, 'dynamodb');
  try {
    await access(path);
  } catch {
    throw new Error(`no store under ${path}: start the gateway once (npm start), or set DATA_DIR`);
  }
  if (await findRunningGateway(dataDir)) {
    throw new Error(`a gateway is running on ${dataDir} and holds its store: set DYNAMODB_ENDPOINT to its DynamoDB endpoint (the banner's, default http://127.0.0.1:8120)`);
  }
  return startEmbeddedDynamo({ path });
}
