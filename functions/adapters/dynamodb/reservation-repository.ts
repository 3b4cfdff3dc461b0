import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { queryItems } from './query-pages.ts';
import { FOLLOW_UP_CLAIM_PREFIX, type Reservation, type SlotCounter } from '../../core/reservations/model.ts';
import type { ReservationRepository, SeatClaim, StatusTransition } from '../../core/reservations/ports.ts';
import { conditionally, isConditionalCheckFailed } from './conditional.ts';
import { GSIS } from './table-definition.ts';

/*
 * Reservation items in the complaint table (docs/adr/0007-reservation-slots.md):
 *   pk RESERVATION#<id>      sk RESERVATION    the reservation, its status history and follow-up map;
 *                                              gsi1 RESERVATION#open-work (sparse, while follow-up is owed),
 *                                              gsi2 RESERVATIONS#<KST day> / <time>#<id> (a day's bookings)
 *   pk RSVSLOTS#<YYYY-MM>    sk SLOT#<slotId>  the seat counter: bookedCount and holders {citizenHash: reservationId}
 * Every write is one conditional PutItem/UpdateItem: no transactions (dynalite has none).
 */
export const reservationKey = (reservationId: string) => ({ pk: `RESERVATION#${reservationId}`, sk: 'RESERVATION' });
export const counterKey = (slotId: string) => ({ pk: `RSVSLOTS#${slotId.slice(0, 7)}`, sk: `SLOT#${slotId}` });
export const OPEN_WORK_PARTITION = 'RESERVATION#open-work';
export const dayPartition = (day: string) => `RESERVATIONS#${day}`;

const G1PK = GSIS.byStatus.partitionKey;
const G1SK = GSIS.byStatus.sortKey;
const G2PK = GSIS.byChannelDay.partitionKey;
const G2SK = GSIS.byChannelDay.sortKey;
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'type', G1PK, G1SK, G2PK, G2SK]);
const CLAIM_ROUNDS = 5;
const BATCH_GET_LIMIT = 100;

function toItem(r: Reservation): Record<string, unknown> {
  const [day = '', time = ''] = r.slotId.split('T');
  return {
    ...reservationKey(r.reservationId),
    type: 'reservation',
    ...r,
    [G2PK]: dayPartition(day),
    [G2SK]: `${time}#${r.reservationId}`,
    ...(r.openWork ? { [G1PK]: OPEN_WORK_PARTITION, [G1SK]: `${r.updatedAt}#${r.reservationId}` } : {}),
  };
}

function fromItem(item: Record<string, unknown>): Reservation {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !KEY_ATTRIBUTES.has(key))) as unknown as Reservation;
}

function counterFrom(item: Record<string, unknown>): SlotCounter {
  return {
    slotId: String(item.slotId),
    bookedCount: Number(item.bookedCount ?? 0),
    holders: (item.holders ?? {}) as Record<string, string>,
  };
}

/** Months (YYYY-MM) from the first slot's to the last's, inclusive. */
function monthsBetween(fromSlotId: string, toSlotId: string): string[] {
  const months: string[] = [];
  let [year, month] = fromSlotId.slice(0, 7).split('-').map(Number) as [number, number];
  const last = toSlotId.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

export function createReservationRepository(client: DynamoDBDocumentClient, tableName: string): ReservationRepository {
  const queryAll = (input: QueryCommandInput, limit?: number) => queryItems(client, input, limit);

  const repository: ReservationRepository = {
    create: (reservation) =>
      conditionally(() => client.send(new PutCommand({ TableName: tableName, Item: toItem(reservation), ConditionExpression: 'attribute_not_exists(pk)' }))),

    async get(reservationId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reservationKey(reservationId), ConsistentRead: true }));
      return Item ? fromItem(Item) : null;
    },

    async getMany(reservationIds) {
      const out: Reservation[] = [];
      const unique = [...new Set(reservationIds)];
      for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET_LIMIT).map(reservationKey);
        while (keys.length > 0) {
          const page = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
          out.push(...(page.Responses?.[tableName] ?? []).map(fromItem));
          keys = page.UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return out;
    },

    async transition({ reservationId, from, change }: StatusTransition) {
      const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(reservationId),
            UpdateExpression: `SET #status = :to, history = list_append(history, :change), updatedAt = :at, openWork = :true, #g1pk = :open, #g1sk = :g1sk${change.reason ? ', statusReason = :reason' : ''}${change.reason ? '' : ' REMOVE statusReason'}`,
            ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})`,
            ExpressionAttributeNames: { '#status': 'status', '#g1pk': G1PK, '#g1sk': G1SK },
            ExpressionAttributeValues: {
              ...fromValues,
              ':to': change.to,
              ':change': [change],
              ':at': change.at,
              ':true': true,
              ':open': OPEN_WORK_PARTITION,
              ':g1sk': `${change.at}#${reservationId}`,
              ...(change.reason ? { ':reason': change.reason } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? fromItem(out.Attributes) : null;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return null;
        throw error;
      }
    },

    async recordFollowUp(reservationId, steps) {
      const entries = Object.entries(steps);
      if (entries.length === 0) return;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: reservationKey(reservationId),
          UpdateExpression: `SET ${entries.map((_, i) => `followUp.#k${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([key], i) => [`#k${i}`, key])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
        }),
      );
    },

    claimFollowUp: (reservationId, step, at, staleBefore) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(reservationId),
            UpdateExpression: 'SET followUp.#k = :claim',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(followUp.#k) OR (begins_with(followUp.#k, :prefix) AND followUp.#k < :stale))',
            ExpressionAttributeNames: { '#k': step },
            ExpressionAttributeValues: { ':claim': `${FOLLOW_UP_CLAIM_PREFIX}${at}`, ':prefix': FOLLOW_UP_CLAIM_PREFIX, ':stale': `${FOLLOW_UP_CLAIM_PREFIX}${staleBefore}` },
          }),
        ),
      ),

    async releaseFollowUpClaim(reservationId, step) {
      await conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(reservationId),
            UpdateExpression: 'REMOVE followUp.#k',
            ConditionExpression: 'begins_with(followUp.#k, :prefix)',
            ExpressionAttributeNames: { '#k': step },
            ExpressionAttributeValues: { ':prefix': FOLLOW_UP_CLAIM_PREFIX },
          }),
        ),
      );
    },

    markSettled: (reservationId, status, at) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(reservationId),
            UpdateExpression: 'SET openWork = :false, settledAt = :at REMOVE #g1pk, #g1sk',
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status', '#g1pk': G1PK, '#g1sk': G1SK },
            ExpressionAttributeValues: { ':false': false, ':status': status, ':at': at },
          }),
        ),
      ),

    async recordTask(reservationId, task) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: reservationKey(reservationId),
          UpdateExpression: 'SET task = if_not_exists(task, :task)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':task': task },
        }),
      );
    },

    async listOpenWork(updatedBefore, limit) {
      const items = await queryAll(
        {
          TableName: tableName,
          IndexName: GSIS.byStatus.indexName,
          KeyConditionExpression: '#pk = :open AND #sk < :before',
          ExpressionAttributeNames: { '#pk': G1PK, '#sk': G1SK },
          ExpressionAttributeValues: { ':open': OPEN_WORK_PARTITION, ':before': updatedBefore },
        },
        limit,
      );
      return items.map(fromItem);
    },

    async listByDay(day) {
      const items = await queryAll({
        TableName: tableName,
        IndexName: GSIS.byChannelDay.indexName,
        KeyConditionExpression: '#pk = :day',
        ExpressionAttributeNames: { '#pk': G2PK },
        ExpressionAttributeValues: { ':day': dayPartition(day) },
      });
      return items.map(fromItem);
    },

    async claimSeat(slotId, citizenHash, reservationId, capacity): Promise<SeatClaim> {
      for (let round = 0; round < CLAIM_ROUNDS; round += 1) {
        const claimed = await conditionally(() =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: counterKey(slotId),
              UpdateExpression: 'SET holders.#h = :rid ADD bookedCount :one',
              ConditionExpression: 'attribute_exists(holders) AND attribute_not_exists(holders.#h) AND bookedCount < :capacity',
              ExpressionAttributeNames: { '#h': citizenHash },
              ExpressionAttributeValues: { ':rid': reservationId, ':one': 1, ':capacity': capacity },
            }),
          ),
        );
        if (claimed) return { outcome: 'claimed' };
        const counter = await repository.getCounter(slotId);
        if (!counter) {
          // First booking of the slot: create the empty counter (once, whoever wins), then claim.
          await conditionally(() =>
            client.send(
              new PutCommand({
                TableName: tableName,
                Item: { ...counterKey(slotId), type: 'reservation-slot', slotId, bookedCount: 0, holders: {} },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          );
          continue;
        }
        const holder = counter.holders[citizenHash];
        if (holder === reservationId) return { outcome: 'already-held' };
        if (holder !== undefined) return { outcome: 'citizen-holds-slot', reservationId: holder };
        if (counter.bookedCount >= capacity) return { outcome: 'full', counter };
      }
      throw new Error(`seat claim for slot ${slotId} did not settle after ${CLAIM_ROUNDS} rounds`);
    },

    releaseSeat: (slotId, citizenHash, reservationId) =>
      conditionally(() =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: counterKey(slotId),
            UpdateExpression: 'REMOVE holders.#h ADD bookedCount :minusOne',
            ConditionExpression: 'holders.#h = :rid',
            ExpressionAttributeNames: { '#h': citizenHash },
            ExpressionAttributeValues: { ':rid': reservationId, ':minusOne': -1 },
          }),
        ),
      ),

    async getCounter(slotId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: counterKey(slotId), ConsistentRead: true }));
      return Item ? counterFrom(Item) : null;
    },

    async listCounters(fromSlotId, toSlotId) {
      const out: SlotCounter[] = [];
      for (const month of monthsBetween(fromSlotId, toSlotId)) {
        const items = await queryAll({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `RSVSLOTS#${month}`, ':from': `SLOT#${fromSlotId}`, ':to': `SLOT#${toSlotId}` },
        });
        out.push(...items.map(counterFrom));
      }
      return out;
    },
  };
  return repository;
}
