import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { embeddedDynamoClient } from '../../local/embedded-dynamodb.ts';

/** An access record as stored (chain slot item: the record's fields plus keys and index attributes). */
export type StoredRecord = Record<string, unknown> & { pk: string; sk: string; eventId: string };

/** Reads the audit table of a running local gateway straight from its store (what an intruder could touch). */
export class AuditTableReader {
  readonly documents: DynamoDBDocumentClient;

  constructor(
    endpoint: string,
    readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(embeddedDynamoClient(endpoint));
  }

  /** Every item of the table (records, summaries, markers). */
  async items(): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(new ScanCommand({ TableName: this.tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Every access record (chain slot) in the table. */
  async records(): Promise<StoredRecord[]> {
    return (await this.items()).filter((item): item is StoredRecord => typeof item.pk === 'string' && item.pk.startsWith('CHAIN#'));
  }

  /** Runs `act` and returns the records it added. */
  async added(act: () => Promise<unknown>): Promise<StoredRecord[]> {
    const before = new Set((await this.records()).map((record) => record.eventId));
    await act();
    return (await this.records()).filter((record) => !before.has(record.eventId));
  }

  close(): void {
    this.documents.destroy();
  }
}
