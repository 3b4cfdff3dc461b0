import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseStatus, KnowledgeCase } from '../../core/knowledge/model.ts';
import type { IndexManifest, IndexManifestStore, KnowledgeCaseStore } from '../../core/knowledge/ports.ts';
import { conditionally, isConditionalCheckFailed } from '../dynamodb/conditional.ts';
import { queryItems } from '../dynamodb/query-pages.ts';
import { HEADS_PARTITION, MANIFEST_KEY, TICKET_KEY, headKey, versionKey, versionPartition, withoutKeys } from './knowledge-keys.ts';

const BATCH_GET_LIMIT = 100;

export function createDynamoCaseStore(client: DynamoDBDocumentClient, tableName: string): KnowledgeCaseStore {
  const get = async (key: Record<string, string>) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item ? withoutKeys<KnowledgeCase>(Item) : null;
  };
  return {
    getHead: (caseId) => get(headKey(caseId)),

    async getHeads(caseIds) {
      const out = new Map<string, KnowledgeCase>();
      for (let i = 0; i < caseIds.length; i += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] = caseIds.slice(i, i + BATCH_GET_LIMIT).map(headKey);
        while (keys.length > 0) {
          const page = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
          for (const item of page.Responses?.[tableName] ?? []) {
            const c = withoutKeys<KnowledgeCase>(item);
            out.set(c.caseId, c);
          }
          keys = page.UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return out;
    },

    getVersion: (caseId, version) => get(versionKey(caseId, version)),

    async listVersions(caseId) {
      const items = await queryItems(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': versionPartition(caseId), ':v': 'V#' },
        ConsistentRead: true,
      });
      return items.map((item) => withoutKeys<KnowledgeCase>(item));
    },

    putVersion: (version) =>
      conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...versionKey(version.caseId, version.version), type: 'kb-case-version', ...version },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    advanceHead: (version) =>
      conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...headKey(version.caseId), type: 'kb-case-head', ...version },
            ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': version.version },
          }),
        ),
      ),

    async listHeads(status?: CaseStatus) {
      const items = await queryItems(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': HEADS_PARTITION, ...(status ? { ':status': status } : {}) },
        ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ConsistentRead: true,
      });
      return items.map((item) => withoutKeys<KnowledgeCase>(item));
    },

    async hasAnyCase() {
      const { Items } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': HEADS_PARTITION }, Limit: 1, ConsistentRead: true }),
      );
      return (Items?.length ?? 0) > 0;
    },
  };
}

export function createDynamoIndexManifestStore(client: DynamoDBDocumentClient, tableName: string): IndexManifestStore {
  return {
    async takeTicket() {
      const out = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: TICKET_KEY,
          UpdateExpression: 'ADD #n :one SET #type = :type',
          ExpressionAttributeNames: { '#n': 'ticket', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'kb-index-ticket' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.ticket);
    },

    async get() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: MANIFEST_KEY, ConsistentRead: true }));
      return Item ? withoutKeys<IndexManifest>(Item) : null;
    },

    async put(manifest) {
      try {
        const out = await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...MANIFEST_KEY, type: 'kb-index-manifest', ...manifest },
            ConditionExpression: 'attribute_not_exists(pk) OR ticket < :ticket',
            ExpressionAttributeValues: { ':ticket': manifest.ticket },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { stored: true, replaced: out.Attributes ? withoutKeys<IndexManifest>(out.Attributes) : null };
      } catch (error) {
        if (isConditionalCheckFailed(error)) return { stored: false, replaced: null };
        throw error;
      }
    },
  };
}
