import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DAY_COUNTERS, type AddressRateLimiter, type DayCounter, type SelfServiceStatsStore } from '../../core/self-service/ports.ts';
import { conditionally } from '../dynamodb/conditional.ts';
import { countInWindow } from '../dynamodb/rate-window.ts';
import { TTL_ATTRIBUTE } from '../dynamodb/table-definition.ts';
import { DAYS_PARTITION, dayKey, rateKey, visitKey } from './self-service-keys.ts';

/** Day counters and visits: every write one UpdateItem, the contacted mark conditional. */
export function createDynamoSelfServiceStats(client: DynamoDBDocumentClient, tableName: string): SelfServiceStatsStore {
  return {
    async add(day, counter) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: dayKey(day),
          UpdateExpression: 'SET #type = :type, #day = :day ADD #counter :one',
          ExpressionAttributeNames: { '#type': 'type', '#day': 'day', '#counter': counter },
          ExpressionAttributeValues: { ':type': 'self-service-day', ':day': day, ':one': 1 },
        }),
      );
    },

    async noteVisitSearch(visitId, at, day, expiresAtEpochS) {
      const out = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: visitKey(visitId),
          UpdateExpression: 'SET #type = :type, lastSearchAt = :at, #day = if_not_exists(#day, :day), #ttl = :ttl',
          ExpressionAttributeNames: { '#type': 'type', '#day': 'day', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':type': 'self-service-visit', ':at': at, ':day': day, ':ttl': expiresAtEpochS },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return { first: out.Attributes?.day === undefined };
    },

    async markVisitContacted(visitId, at, since) {
      let day: string | null = null;
      await conditionally(async () => {
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: visitKey(visitId),
            UpdateExpression: 'SET contactedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(contactedAt) AND lastSearchAt >= :since',
            ExpressionAttributeValues: { ':at': at, ':since': since },
            ReturnValues: 'ALL_NEW',
          }),
        );
        day = typeof out.Attributes?.day === 'string' ? out.Attributes.day : null;
        return out;
      });
      return day;
    },

    async listDays(from, to) {
      const rows: Array<{ day: string } & Partial<Record<DayCounter, number>>> = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': DAYS_PARTITION, ':from': dayKey(from).sk, ':to': dayKey(to).sk },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) {
          const row: { day: string } & Partial<Record<DayCounter, number>> = { day: String(item.day) };
          for (const counter of DAY_COUNTERS) if (typeof item[counter] === 'number') row[counter] = item[counter];
          rows.push(row);
        }
        start = out.LastEvaluatedKey;
      } while (start);
      return rows;
    },
  };
}

/** The shared fixed-window counter (adapters/dynamodb/rate-window.ts) on the self-service keys. */
export function createDynamoAddressRateLimiter(client: DynamoDBDocumentClient, tableName: string): AddressRateLimiter {
  return { count: (addressHash, window) => countInWindow(client, tableName, rateKey(addressHash, window.start), 'self-service-rate-window', window) };
}
