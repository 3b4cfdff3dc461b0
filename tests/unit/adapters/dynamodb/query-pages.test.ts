import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryItems, queryPages } from '../../../../functions/adapters/dynamodb/query-pages.ts';

describe('paginated Query', () => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }));
  const db = mockClient(documents);
  afterEach(() => db.reset());

  function threePages(): void {
    db.on(QueryCommand)
      .resolvesOnce({ Items: [{ id: 1 }, { id: 2 }], LastEvaluatedKey: { pk: 'a', sk: '2' } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: 'a', sk: '3' } }) // a page emptied by a filter
      .resolvesOnce({ Items: [{ id: 4 }] });
  }

  it('follows LastEvaluatedKey through every page, empty ones included, and passes it back unchanged', async () => {
    threePages();
    expect(await queryItems(documents, { TableName: 't', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'a' } })).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
    const starts = db.commandCalls(QueryCommand).map((call) => call.args[0].input.ExclusiveStartKey);
    expect(starts).toEqual([undefined, { pk: 'a', sk: '2' }, { pk: 'a', sk: '3' }]);
  });

  it('stops reading once the limit is reached', async () => {
    threePages();
    expect(await queryItems(documents, { TableName: 't', KeyConditionExpression: 'pk = :pk' }, 2)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(db.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('yields COUNT pages for callers that sum them', async () => {
    db.on(QueryCommand).resolvesOnce({ Count: 3, LastEvaluatedKey: { pk: 'a' } }).resolvesOnce({ Count: 2 });
    let count = 0;
    for await (const page of queryPages(documents, { TableName: 't', KeyConditionExpression: 'pk = :pk', Select: 'COUNT' })) count += page.Count ?? 0;
    expect(count).toBe(5);
  });
});
