import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SuggestionFeedback, SuggestionFeedbackStore } from '../../core/knowledge/feedback.ts';
import type { QuickResponse, QuickResponseStore } from '../../core/knowledge/quick-responses.ts';
import type { SearchGap, SearchGapStore } from '../../core/knowledge/search-knowledge.ts';
import { conditionally } from '../dynamodb/conditional.ts';
import { queryItems } from '../dynamodb/query-pages.ts';
import { GAPS_PARTITION, QUICK_PARTITION, feedbackKey, feedbackPartition, gapKeyOf, quickKey, withoutKeys } from './knowledge-keys.ts';

const partitionItems = (client: DynamoDBDocumentClient, tableName: string, pk: string) =>
  queryItems(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });

export function createDynamoQuickResponseStore(client: DynamoDBDocumentClient, tableName: string): QuickResponseStore {
  return {
    async get(shortcut) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: quickKey(shortcut), ConsistentRead: true }));
      return Item ? withoutKeys<QuickResponse>(Item) : null;
    },
    list: async () => (await partitionItems(client, tableName, QUICK_PARTITION)).map((item) => withoutKeys<QuickResponse>(item)),
    put: (response, expectedVersion) =>
      conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...quickKey(response.shortcut), type: 'kb-quick-response', ...response },
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
            ...(expectedVersion === 0 ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        ),
      ),
  };
}

export function createDynamoFeedbackStore(client: DynamoDBDocumentClient, tableName: string): SuggestionFeedbackStore {
  return {
    // One item per counselor, complaint and case: a repeated or changed mark replaces the last.
    async put(feedback) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...feedbackKey(feedback.caseId, feedback.complaintId, feedback.by.id), type: 'kb-feedback', ...feedback } }));
    },
    listForCase: async (caseId) => (await partitionItems(client, tableName, feedbackPartition(caseId))).map((item) => withoutKeys<SuggestionFeedback>(item)),
  };
}

export function createDynamoGapStore(client: DynamoDBDocumentClient, tableName: string): SearchGapStore {
  return {
    async record(gap) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: gapKeyOf(gap.key),
          UpdateExpression:
            'ADD #count :one SET #type = :type, #key = :key, #query = if_not_exists(#query, :query), firstAt = if_not_exists(firstAt, :at), lastAt = :at, bestScore = :best' +
            (gap.bestCaseId ? ', bestCaseId = :case' : ' REMOVE bestCaseId'),
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#key': 'key', '#query': 'query' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'kb-gap', ':key': gap.key, ':query': gap.query, ':at': gap.at, ':best': gap.bestScore, ...(gap.bestCaseId ? { ':case': gap.bestCaseId } : {}) },
        }),
      );
    },
    async list(limit) {
      const gaps = (await partitionItems(client, tableName, GAPS_PARTITION)).map((item) => withoutKeys<SearchGap>(item));
      return gaps.sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : -1)).slice(0, limit);
    },
  };
}
