import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryItems } from '../dynamodb/query-pages.ts';
import type { ReservationWork } from '../../../schemas/reservation-api.ts';
import type { ScheduledWorkItem } from '../../core/reservations/model.ts';
import type { ScheduledWork } from '../../core/reservations/ports.ts';
import type { Log } from '../../core/ports/runtime.ts';
import { conditionally } from '../dynamodb/conditional.ts';
import { GSIS } from '../dynamodb/table-definition.ts';

export type LocalWorkState = 'scheduled' | 'done' | 'cancelled' | 'failed';

export interface LocalWorkItem extends ScheduledWorkItem {
  state: LocalWorkState;
  attempts: number;
  lastError?: string;
  createdAt: string;
  finishedAt?: string;
}

/*
 * The local stand-in for EventBridge Scheduler: one item per work in the complaint table,
 *   pk RSVWORK#<reservationId>  sk WORK#<workId>, with gsi1 RSVWORK#due / <dueAt>#<workId> while scheduled,
 * so the API can show what is due and a timer in the local gateway runs it (runDueWork) through
 * the same use case the reservation-task Lambda runs. Work ids start with the reservation id.
 */
const DUE_PARTITION = 'RSVWORK#due';
const G1PK = GSIS.byStatus.partitionKey;
const G1SK = GSIS.byStatus.sortKey;
/** Like Scheduler's retry policy, bounded: after this many failed runs the work is parked as failed. */
export const LOCAL_MAX_ATTEMPTS = 5;

const workKey = (reservationId: string, workId: string) => ({ pk: `RSVWORK#${reservationId}`, sk: `WORK#${workId}` });
const reservationOfWork = (workId: string): string => workId.split('-')[0] ?? workId;

function fromItem(item: Record<string, unknown>): LocalWorkItem {
  const { pk: _pk, sk: _sk, type: _type, [G1PK]: _g1, [G1SK]: _g2, ...rest } = item;
  return rest as unknown as LocalWorkItem;
}

export interface LocalScheduledWork extends ScheduledWork {
  /** A reservation's work, or (without an id) everything still scheduled, by due time. */
  list(reservationId?: string): Promise<LocalWorkItem[]>;
  /** Runs every scheduled item due at `now`; returns how many ran successfully. */
  runDueWork(now: Date, run: (work: ReservationWork) => Promise<unknown>): Promise<number>;
}

export function localScheduledWork(options: { client: DynamoDBDocumentClient; tableName: string; clock: { now(): Date }; log: Log }): LocalScheduledWork {
  const { client, tableName } = options;

  async function finish(item: LocalWorkItem, update: { state: LocalWorkState; attempts: number; lastError?: string }): Promise<boolean> {
    const parked = update.state !== 'scheduled';
    return conditionally(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: workKey(item.reservationId, item.workId),
          UpdateExpression: `SET #state = :state, attempts = :attempts, finishedAt = :at${update.lastError ? ', lastError = :error' : ''}${parked ? ' REMOVE #g1pk, #g1sk' : ''}`,
          ConditionExpression: '#state = :scheduled',
          ExpressionAttributeNames: { '#state': 'state', ...(parked ? { '#g1pk': G1PK, '#g1sk': G1SK } : {}) },
          ExpressionAttributeValues: {
            ':state': update.state,
            ':attempts': update.attempts,
            ':at': options.clock.now().toISOString(),
            ':scheduled': 'scheduled',
            ...(update.lastError ? { ':error': update.lastError } : {}),
          },
        }),
      ),
    );
  }

  async function due(before: string): Promise<LocalWorkItem[]> {
    const items = await queryItems(client, {
      TableName: tableName,
      IndexName: GSIS.byStatus.indexName,
      KeyConditionExpression: '#pk = :due AND #sk <= :before',
      ExpressionAttributeNames: { '#pk': G1PK, '#sk': G1SK },
      ExpressionAttributeValues: { ':due': DUE_PARTITION, ':before': before },
    });
    return items.map((item) => fromItem(item)).filter((item) => item.state === 'scheduled');
  }

  return {
    async schedule(items) {
      const createdAt = options.clock.now().toISOString();
      for (const item of items) {
        const stored: LocalWorkItem = { ...item, state: 'scheduled', attempts: 0, createdAt };
        await conditionally(() =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...workKey(item.reservationId, item.workId), type: 'reservation-work', ...stored, [G1PK]: DUE_PARTITION, [G1SK]: `${item.dueAt}#${item.workId}` },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
      }
    },

    async cancel(workIds) {
      for (const workId of workIds) {
        const item = { workId, reservationId: reservationOfWork(workId) } as LocalWorkItem;
        await finish(item, { state: 'cancelled', attempts: 0 });
      }
    },

    async list(reservationId) {
      if (!reservationId) return due('9999');
      const items = await queryItems(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RSVWORK#${reservationId}` }, ConsistentRead: true });
      return items.map((item) => fromItem(item)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },

    async runDueWork(now, run) {
      let ran = 0;
      // `~` sorts after `#`, so items due exactly at `now` are included.
      for (const item of await due(`${now.toISOString()}~`)) {
        const attempts = item.attempts + 1;
        try {
          await run({ kind: item.kind, reservationId: item.reservationId, workId: item.workId });
          if (await finish(item, { state: 'done', attempts })) ran += 1;
        } catch (error) {
          const lastError = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown error';
          options.log.warn('local scheduled work failed', { workId: item.workId, attempts, errorName: error instanceof Error ? error.name : 'unknown' });
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: workKey(item.reservationId, item.workId),
              UpdateExpression: `SET attempts = :attempts, lastError = :error${attempts >= LOCAL_MAX_ATTEMPTS ? ', #state = :failed REMOVE #g1pk, #g1sk' : ''}`,
              ExpressionAttributeNames: attempts >= LOCAL_MAX_ATTEMPTS ? { '#state': 'state', '#g1pk': G1PK, '#g1sk': G1SK } : undefined,
              ExpressionAttributeValues: { ':attempts': attempts, ':error': lastError, ...(attempts >= LOCAL_MAX_ATTEMPTS ? { ':failed': 'failed' } : {}) },
            }),
          );
        }
      }
      return ran;
    },
  };
}
