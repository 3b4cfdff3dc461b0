import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PushClaim, PushLease, StoredPushSubscription } from '../../core/push/model.ts';
import type { PushSendLeases, PushSubscriptions } from '../../core/push/ports.ts';
import { conditionally } from './conditional.ts';
import { queryItems } from './query-pages.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/*
 * Web Push items in the complaint table (docs/adr/0028-pwa-web-push.md):
 *   pk PUSHSUB#<account id>  sk SUB#<endpoint hash>           a subscription, endpoint and keys sealed; TTL at its expirationTime
 *   pk PUSHOUT#<account id>  sk MSG#<key>#<endpoint hash>     the push outbox: one message to one subscription, sending (leased) or sent; TTL 30 days
 */
export const subscriptionKey = (accountId: string, endpointHash: string) => ({ pk: `PUSHSUB#${accountId}`, sk: `SUB#${endpointHash}` });
export const pushSendKey = (lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>) => ({ pk: `PUSHOUT#${lease.accountId}`, sk: `MSG#${lease.key}#${lease.endpointHash}` });

/** The outbox entry outlives any retry of its reply (the reply lease is minutes, held replies days). */
const SEND_RECORD_RETENTION_S = 30 * 24 * 3600;
const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export function createPushSubscriptionRepository(client: DynamoDBDocumentClient, tableName: string): PushSubscriptions {
  return {
    async put(subscription) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...subscriptionKey(subscription.accountId, subscription.endpointHash),
            type: 'push-subscription',
            accountId: subscription.accountId,
            endpointHash: subscription.endpointHash,
            sealed: subscription.sealed,
            createdAt: subscription.createdAt,
            ...(subscription.expiresAt ? { subscriptionExpiresAt: subscription.expiresAt, [TTL_ATTRIBUTE]: epochSeconds(subscription.expiresAt) } : {}),
          },
        }),
      );
    },

    async list(accountId) {
      const items = await queryItems(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PUSHSUB#${accountId}` }, ConsistentRead: true });
      return items.map(
        (item): StoredPushSubscription => ({
          accountId: String(item.accountId),
          endpointHash: String(item.endpointHash),
          sealed: String(item.sealed),
          createdAt: String(item.createdAt),
          ...(typeof item.subscriptionExpiresAt === 'string' ? { expiresAt: item.subscriptionExpiresAt } : {}),
        }),
      );
    },

    async remove(accountId, endpointHash) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: subscriptionKey(accountId, endpointHash) }));
    },
  };
}

export function createPushSendLeases(client: DynamoDBDocumentClient, tableName: string): PushSendLeases {
  return {
    async claim(lease): Promise<PushClaim> {
      const key = pushSendKey(lease);
      // One conditional write decides: absent, or a sending lease that expired (its holder died).
      const claimed = await conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET #type = :type, #state = :sending, leaseUntil = :until, #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#type': 'type', '#state': 'state', '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':type': 'push-send', ':sending': 'sending', ':until': lease.leaseUntil, ':now': lease.now, ':ttl': epochSeconds(lease.now) + SEND_RECORD_RETENTION_S },
          }),
        ),
      );
      if (claimed) return 'claimed';
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item?.state === 'sent' ? 'sent' : 'busy';
    },

    async markSent(lease, at) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: pushSendKey(lease),
          UpdateExpression: 'SET #state = :sent, sentAt = :at REMOVE leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
        }),
      );
    },

    async release(lease) {
      // Only a lease still sending is given back: a sent record stays.
      await conditionally(() =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: pushSendKey(lease),
            ConditionExpression: '#state = :sending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sending': 'sending' },
          }),
        ),
      );
    },
  };
}
