import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryItems } from './query-pages.ts';
import type { ClaimResult, HappyCallRepository } from '../../core/voice/happy-call-scheduler.ts';
import type { HappyCallAttempt, HappyCallRegistration } from '../../core/voice/happy-call.ts';
import { GSIS } from './table-definition.ts';

/**
 * Happy-call registrations live in the complaint table as one item each:
 * pk HAPPY#<registrationId>, sk REGISTRATION, attempts as a map keyed by slot. While active the
 * item carries gsi1pk HAPPYCALL#active (a sparse entry in the status index) so the scheduler lists
 * active registrations with one query; opting out removes it. Every write is one conditional write.
 */
export const happyCallKey = (registrationId: string) => ({ pk: `HAPPY#${registrationId}`, sk: 'REGISTRATION' });
export const HAPPY_CALL_ACTIVE_PARTITION = 'HAPPYCALL#active';

function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function toItem(r: HappyCallRegistration): Record<string, unknown> {
  return {
    ...happyCallKey(r.registrationId),
    type: 'happy-call',
    ...r,
    ...(r.status === 'active' ? { [GSIS.byStatus.partitionKey]: HAPPY_CALL_ACTIVE_PARTITION, [GSIS.byStatus.sortKey]: `${r.createdAt}#${r.registrationId}` } : {}),
  };
}

function fromItem(item: Record<string, unknown>): HappyCallRegistration {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as unknown as HappyCallRegistration;
}

export function createHappyCallRepository(client: DynamoDBDocumentClient, tableName: string): HappyCallRepository {
  const optOutWrite = (registrationId: string, optedOut: NonNullable<HappyCallRegistration['optedOut']>, extra?: { slot: string; attempt: HappyCallAttempt }) =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: happyCallKey(registrationId),
        UpdateExpression: `SET #status = :out, optedOut = if_not_exists(optedOut, :optedOut), updatedAt = :at${extra ? ', attempts.#slot = :attempt' : ''} REMOVE #gpk, #gsk`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status', '#gpk': GSIS.byStatus.partitionKey, '#gsk': GSIS.byStatus.sortKey, ...(extra ? { '#slot': extra.slot } : {}) },
        ExpressionAttributeValues: { ':out': 'opted_out', ':optedOut': optedOut, ':at': optedOut.at, ...(extra ? { ':attempt': extra.attempt } : {}) },
      }),
    );

  return {
    async register(registration) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: toItem(registration), ConditionExpression: 'attribute_not_exists(pk)' }));
        return 'created';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'exists';
        throw error;
      }
    },

    async get(registrationId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: happyCallKey(registrationId), ConsistentRead: true }));
      return Item ? fromItem(Item) : undefined;
    },

    async listActive() {
      const items = await queryItems(client, {
        TableName: tableName,
        IndexName: GSIS.byStatus.indexName,
        KeyConditionExpression: '#gpk = :active',
        ExpressionAttributeNames: { '#gpk': GSIS.byStatus.partitionKey },
        ExpressionAttributeValues: { ':active': HAPPY_CALL_ACTIVE_PARTITION },
      });
      // The index is eventually consistent: re-check the status the item itself carries.
      return items.filter((item) => item.status === 'active').map((item) => fromItem(item));
    },

    async claimSlot(registrationId, attempt): Promise<ClaimResult> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: happyCallKey(registrationId),
            UpdateExpression: 'SET attempts.#slot = :attempt, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #status = :active AND attribute_not_exists(attempts.#slot)',
            ExpressionAttributeNames: { '#slot': attempt.slot, '#status': 'status' },
            ExpressionAttributeValues: { ':attempt': attempt, ':at': attempt.claimedAt, ':active': 'active' },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'taken';
        throw error;
      }
    },

    async releaseSlot(registrationId, slot) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: happyCallKey(registrationId),
            UpdateExpression: 'REMOVE attempts.#slot',
            // Only an attempt that never reached the citizen can be given back.
            ConditionExpression: 'attribute_exists(attempts.#slot) AND attribute_not_exists(attempts.#slot.outcome)',
            ExpressionAttributeNames: { '#slot': slot },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    async saveOutcome(registration, slot) {
      const attempt = registration.attempts[slot];
      if (!attempt) throw new Error(`registration ${registration.registrationId} has no attempt in slot ${slot}`);
      if (registration.status === 'opted_out' && registration.optedOut) {
        await optOutWrite(registration.registrationId, registration.optedOut, { slot, attempt });
        return;
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: happyCallKey(registration.registrationId),
          UpdateExpression: 'SET attempts.#slot = :attempt, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#slot': slot },
          ExpressionAttributeValues: { ':attempt': attempt, ':at': registration.updatedAt },
        }),
      );
    },

    async optOut(registrationId, optedOut) {
      await optOutWrite(registrationId, optedOut);
    },
  };
}
