import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startTestTable, type TestTable } from '../support/embedded-table.ts';
import { ALL_GSIS } from '../../functions/adapters/dynamodb/table-definition.ts';

describe('embedded DynamoDB', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(async () => table.close());

  it('creates the complaint table with every GSI the CDK construct declares', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(ALL_GSIS.map((g) => g.indexName).sort());
  });

  it('refuses a second conditional put of the same key, as DynamoDB does', async () => {
    const put = () =>
      table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { pk: { S: 'X#1' }, sk: { S: 'META' }, text: { S: '안녕 👋' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put();
    await expect(put()).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'X#1' }, sk: { S: 'META' } } }));
    expect(Item?.text?.S).toBe('안녕 👋');
  });
});
