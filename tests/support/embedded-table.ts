import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { embeddedDynamoClient, ensureComplaintTable, startEmbeddedDynamo, type EmbeddedDynamo } from '../../local/embedded-dynamodb.ts';

export interface TestTable {
  store: EmbeddedDynamo;
  client: DynamoDBClient;
  tableName: string;
  close(): Promise<void>;
}

/** An in-memory embedded DynamoDB with a fresh complaint table, for integration tests. */
export async function startTestTable(): Promise<TestTable> {
  const store = await startEmbeddedDynamo();
  const client = embeddedDynamoClient(store.endpoint);
  const tableName = `complaints-${randomUUID().slice(0, 8)}`;
  await ensureComplaintTable(client, tableName);
  return {
    store,
    client,
    tableName,
    close: async () => {
      client.destroy();
      await store.close();
    },
  };
}
