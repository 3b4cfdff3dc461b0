import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { kstDay } from '../../core/kst.ts';
import type { Notice } from '../../core/notices/model.ts';
import type { NoticeOutbox, NoticeOutcome, ScheduledNotice } from '../../core/notices/ports.ts';
import { conditionally } from './conditional.ts';
import { SEND_LEASE } from './send-lease.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const DAY_MS = 86_400_000;
/** A schedule entry outlives the sweeper's look-back by a week, then TTL removes what was left. */
const SCHEDULE_TTL_MS = 14 * DAY_MS;
/** Sorts after every character of an ISO instant and a notice id: `sk <= <now>#~` takes all due at now. */
const AFTER_ANY_ID = '~';

/**
 * Notice items: `NOTICE#<noticeId>` / `NOTICE` (the outbox item, kept: the record of what the
 * citizen was told), and schedule entries `NOTICEDUE#<KST day of notBefore>` / `<notBefore>#<noticeId>`
 * while a notice is not settled, so the sweeper reads one partition per day.
 */
export const noticeKey = (noticeId: string) => ({ pk: `NOTICE#${noticeId}`, sk: 'NOTICE' });
export const scheduleKey = (entry: ScheduledNotice) => ({ pk: `NOTICEDUE#${kstDay(entry.notBefore)}`, sk: `${entry.notBefore}#${entry.noticeId}` });

const ITEM_ONLY = new Set(['pk', 'sk', 'type', SEND_LEASE.attribute]);

function toNotice(item: Record<string, unknown>): Notice {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !ITEM_ONLY.has(name))) as unknown as Notice;
}

export class DynamoNoticeOutbox implements NoticeOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  put(notice: Notice): Promise<boolean> {
    return conditionally(() =>
      this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...noticeKey(notice.noticeId), type: 'notice', ...notice }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async get(noticeId: string): Promise<Notice | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: noticeKey(noticeId), ConsistentRead: true }));
    return Item ? toNotice(Item) : null;
  }

  claimSend(noticeId: string, at: string, until: string): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKey(noticeId),
          UpdateExpression: SEND_LEASE.take,
          ConditionExpression: `attribute_exists(pk) AND #state IN (:queued, :failed) AND ${SEND_LEASE.free}`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ...SEND_LEASE.values(at, until), ':queued': 'queued', ':failed': 'failed' },
        }),
      ),
    );
  }

  async settle(noticeId: string, outcome: NoticeOutcome): Promise<void> {
    const set = ['#state = :state', 'attempts = :attempts'];
    const values: Record<string, unknown> = { ':state': outcome.state, ':attempts': outcome.attempts };
    const optional = { providerMessageId: outcome.providerMessageId, textSent: outcome.textSent, charsetFallback: outcome.charsetFallback, lastError: outcome.lastError, skipReason: outcome.skipReason };
    for (const [name, value] of Object.entries(optional)) {
      if (value === undefined) continue;
      set.push(`${name} = :${name}`);
      values[`:${name}`] = value;
    }
    if (outcome.state !== 'failed') {
      set.push('settledAt = :at');
      values[':at'] = outcome.at;
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: noticeKey(noticeId),
        // Every outcome ends the attempt: the lease goes with it.
        UpdateExpression: `SET ${set.join(', ')} REMOVE ${SEND_LEASE.attribute}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async schedule(entry: ScheduledNotice): Promise<void> {
    const ttl = Math.ceil((Date.parse(entry.notBefore) + SCHEDULE_TTL_MS) / 1000);
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...scheduleKey(entry), type: 'notice-schedule', ...entry, [TTL_ATTRIBUTE]: ttl } }));
  }

  async unschedule(entry: ScheduledNotice): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: scheduleKey(entry) }));
  }

  async due(now: string, lookbackDays: number, limit: number): Promise<ScheduledNotice[]> {
    const found: ScheduledNotice[] = [];
    const nowMs = Date.parse(now);
    for (let back = lookbackDays - 1; back >= 0 && found.length < limit; back -= 1) {
      const day = kstDay(new Date(nowMs - back * DAY_MS));
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk <= :upper',
            ExpressionAttributeValues: { ':pk': `NOTICEDUE#${day}`, ':upper': `${now}#${AFTER_ANY_ID}` },
            Limit: limit - found.length,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of page.Items ?? []) found.push({ noticeId: String(item.noticeId), notBefore: String(item.notBefore) });
        startKey = page.LastEvaluatedKey;
      } while (startKey && found.length < limit);
    }
    return found;
  }
}
