import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemVersion } from '../../core/export/export-rows.ts';

/**
 * Every item of a table, page by page, as versions written at `versionUs` (the local export is a
 * snapshot: one version per item). Locally only: in AWS the table is read through its point-in-time
 * exports, which cost no read capacity.
 */
export async function* scanTable(db: DynamoDBDocumentClient, tableName: string, versionUs: number): AsyncIterable<ItemVersion> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    for (const item of page.Items ?? []) yield { kind: 'item', item, versionUs };
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
