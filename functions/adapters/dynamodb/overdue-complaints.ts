import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OverdueComplaintIndex, OverdueQuery, OverduePage } from '../../core/deadlines/ports.ts';
import { itemToComplaint } from './item-mappers.ts';
import { complaintKey, OPEN_DUE_PARTITION } from './keys.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { queryItems, queryPages } from './query-pages.ts';
import { GSIS } from './table-definition.ts';

const INDEX = GSIS.byOpenDue;

/**
 * Overdue complaints from the sparse open-by-due index (gsi4): one partition, sorted by the due
 * time in force, so "overdue at `now`" is the range below `now`, earliest first. A due time
 * equal to `now` is not overdue yet (the sort key `<due>#<id>` sorts after `<due>`).
 */
export class DynamoOverdueComplaints implements OverdueComplaintIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listOverdue(query: OverdueQuery): Promise<OverduePage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const items = await queryItems(
      this.client,
      {
        ...this.#range(query.now),
        ...(after ? { ExclusiveStartKey: { ...complaintKey(after.slice(after.indexOf('#') + 1)), [INDEX.partitionKey]: OPEN_DUE_PARTITION, [INDEX.sortKey]: after } } : {}),
        Limit: query.limit + 1,
      },
      query.limit + 1,
    );
    const page = items.slice(0, query.limit);
    const last = page.at(-1)?.[INDEX.sortKey];
    return {
      items: page.map((item) => itemToComplaint(item)),
      ...(items.length > query.limit && typeof last === 'string' ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async countOverdue(now: string): Promise<number> {
    let count = 0;
    for await (const page of queryPages(this.client, { ...this.#range(now), Select: 'COUNT' })) count += page.Count ?? 0;
    return count;
  }

  #range(now: string) {
    return {
      TableName: this.tableName,
      IndexName: INDEX.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk < :now',
      ExpressionAttributeNames: { '#pk': INDEX.partitionKey, '#sk': INDEX.sortKey },
      ExpressionAttributeValues: { ':pk': OPEN_DUE_PARTITION, ':now': now },
      ScanIndexForward: true,
    };
  }
}
