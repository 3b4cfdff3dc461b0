import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryItems } from './query-pages.ts';
import type { ChatConnection, UndeliveredReply } from '../../core/chat/model.ts';
import type { ChatConnectionRepository } from '../../core/chat/ports.ts';
import { conditionally } from './conditional.ts';
import { countInWindow } from './rate-window.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/*
 * Chat delivery items in the complaint table (docs/adr/0006-chat-accounts-and-connections.md):
 *   pk CHATCONN#<account id>    sk CONN#<connection id>  a live connection; TTL 2 h ($disconnect is best effort)
 *   pk CHATRATE#<account id>    sk WINDOW#<epoch ms>     per-account message counter of one fixed window (all its connections); TTL
 *   pk CHATPENDING#<account id> sk REPLY#<reply id>      a reply no connection took; no TTL until delivered
 */
export const connectionKey = (accountId: string, connectionId: string) => ({ pk: `CHATCONN#${accountId}`, sk: `CONN#${connectionId}` });
export const rateKey = (accountId: string, windowStart: number) => ({ pk: `CHATRATE#${accountId}`, sk: `WINDOW#${windowStart}` });
export const undeliveredKey = (accountId: string, replyId: string) => ({ pk: `CHATPENDING#${accountId}`, sk: `REPLY#${replyId}` });

/** Delivered replies stay as the delivery record this long, then TTL removes them. */
const DELIVERED_RETENTION_S = 30 * 24 * 3600;

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

type Item = Record<string, unknown>;

export function createChatConnectionRepository(client: DynamoDBDocumentClient, tableName: string): ChatConnectionRepository {
  const queryAll = (pk: string, filter?: string): Promise<Item[]> =>
    queryItems(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ...(filter ? { FilterExpression: filter } : {}), ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });

  return {
    async putConnection(connection) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...connectionKey(connection.accountId, connection.connectionId),
            type: 'chat-connection',
            connectionId: connection.connectionId,
            accountId: connection.accountId,
            ...(connection.tokenHash ? { tokenHash: connection.tokenHash } : {}),
            connectedAt: connection.connectedAt,
            connectionExpiresAt: connection.expiresAt,
            [TTL_ATTRIBUTE]: epochSeconds(connection.expiresAt),
          },
        }),
      );
    },

    async deleteConnection(accountId, connectionId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: connectionKey(accountId, connectionId) }));
    },

    async listConnections(accountId, now) {
      const items = await queryAll(`CHATCONN#${accountId}`);
      // TTL deletion lags (up to days in DynamoDB, never in dynalite): expiry is checked here.
      return items
        .map(
          (item): ChatConnection => ({
            connectionId: String(item.connectionId),
            accountId: String(item.accountId),
            connectedAt: String(item.connectedAt),
            expiresAt: String(item.connectionExpiresAt),
            ...(typeof item.tokenHash === 'string' ? { tokenHash: item.tokenHash } : {}),
          }),
        )
        .filter((connection) => connection.expiresAt > now);
    },

    countMessage: (accountId, window) => countInWindow(client, tableName, rateKey(accountId, window.start), 'chat-rate-window', window),

    async putUndelivered(reply: UndeliveredReply) {
      await conditionally(() =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...undeliveredKey(reply.accountId, reply.replyId), type: 'chat-undelivered', ...reply },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },

    async listUndelivered(accountId) {
      const items = await queryAll(`CHATPENDING#${accountId}`, 'attribute_not_exists(deliveredAt)');
      return items
        .map(
          (item): UndeliveredReply => ({
            accountId: String(item.accountId),
            replyId: String(item.replyId),
            text: String(item.text),
            ...(typeof item.receiptNo === 'string' ? { receiptNo: item.receiptNo } : {}),
            at: String(item.at),
          }),
        )
        .sort((a, b) => (a.at === b.at ? a.replyId.localeCompare(b.replyId) : a.at.localeCompare(b.at)));
    },

    async markDelivered(accountId, replyId, at) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: undeliveredKey(accountId, replyId),
          UpdateExpression: 'SET deliveredAt = if_not_exists(deliveredAt, :at), #ttl = :ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':at': at, ':ttl': epochSeconds(at) + DELIVERED_RETENTION_S },
        }),
      ).catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      });
    },
  };
}
