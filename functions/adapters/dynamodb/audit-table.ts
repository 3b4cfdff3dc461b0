import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ALL_AUDIT_GSIS, AUDIT_EVENT_LSI, AUDIT_TABLE_KEYS } from './audit-table-definition.ts';

/**
 * Creates the audit table with the same keys and indexes as the CDK construct; idempotent. For the
 * embedded store (local gateway, tests): in AWS the table comes from lib/constructs/audit-trail.ts.
 */
export async function ensureAuditTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const attributeNames = new Set<string>([AUDIT_TABLE_KEYS.partitionKey, AUDIT_TABLE_KEYS.sortKey, AUDIT_EVENT_LSI.sortKey]);
  for (const gsi of ALL_AUDIT_GSIS) {
    attributeNames.add(gsi.partitionKey);
    attributeNames.add(gsi.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributeNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: AUDIT_TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: AUDIT_TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: AUDIT_EVENT_LSI.indexName,
            KeySchema: [
              { AttributeName: AUDIT_TABLE_KEYS.partitionKey, KeyType: 'HASH' },
              { AttributeName: AUDIT_EVENT_LSI.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        GlobalSecondaryIndexes: ALL_AUDIT_GSIS.map((gsi) => ({
          IndexName: gsi.indexName,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 100; i += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
