import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ComplianceSweepState, PendingComplianceJob, PollerState, PollerStateStore, XReadEndpoint } from '../../core/x/ports.ts';
import { tweetIdSortKey } from '../../core/x/tweet-id.ts';
import { conditionally } from './conditional.ts';
import { TABLE_KEYS, TTL_ATTRIBUTE } from './table-definition.ts';

/*
 * Poller bookkeeping in the complaint table, one partition per X account:
 *   pk XPOLL#<accountId>  sk CURSOR          sinceId, sinceIdKey (20-digit, sortable), and one wait per
 *                                           read endpoint as X keeps one window each: rateLimitedUntil
 *                                           (mentions), lookupRateLimitedUntil, usageCappedUntil (all reads);
 *                                           oldestMentionDay bounds the compliance sweep's listing
 *   pk XPOLL#<accountId>  sk LEASE           owner, leaseExpiresAtMs, expiresAt (TTL, cleanup only)
 *   pk XPOLL#<accountId>  sk BUDGET#YYYY-MM  used, budget, expiresAt (TTL); the compliance sweep's own
 *                                           pool is BUDGET#sweep#YYYY-MM (it never spends the poller's)
 *   pk XPOLL#<accountId>  sk COMPLIANCE      pending batch compliance job, lastSubmittedDay, lastLookupDay
 * Every write is one conditional PutItem/UpdateItem/DeleteItem: no transactions (the embedded
 * store has none). TTL only tidies up: expiry is always decided by the stored timestamps,
 * since DynamoDB deletes expired items lazily and dynalite not at all.
 */

const BUDGET_ITEM_DAYS = 100;
const RESERVE_ATTEMPTS = 4;

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export class DynamoXPollerStateRepository implements PollerStateStore, ComplianceSweepState {
  private readonly pk: string;
  private readonly budgetPrefix: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    accountId: string,
    /** A separate read budget (e.g. `sweep`): its own BUDGET#<pool>#YYYY-MM items. */
    options: { budgetPool?: string } = {},
  ) {
    this.pk = `XPOLL#${accountId}`;
    this.budgetPrefix = options.budgetPool ? `BUDGET#${options.budgetPool}#` : 'BUDGET#';
  }

  async getComplianceJob(): Promise<{ pending?: PendingComplianceJob; lastSubmittedDay?: string }> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: this.key('COMPLIANCE'), ConsistentRead: true }));
    const answer: { pending?: PendingComplianceJob; lastSubmittedDay?: string } = {};
    if (typeof Item?.jobId === 'string' && typeof Item.downloadUrl === 'string' && typeof Item.submittedDay === 'string') {
      answer.pending = { jobId: Item.jobId, downloadUrl: Item.downloadUrl, submittedDay: Item.submittedDay };
    }
    if (typeof Item?.lastSubmittedDay === 'string') answer.lastSubmittedDay = Item.lastSubmittedDay;
    return answer;
  }

  async saveComplianceJob(job: PendingComplianceJob): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key('COMPLIANCE'),
        UpdateExpression: 'SET jobId = :id, downloadUrl = :url, submittedDay = :day, lastSubmittedDay = :day',
        ExpressionAttributeValues: { ':id': job.jobId, ':url': job.downloadUrl, ':day': job.submittedDay },
      }),
    );
  }

  async clearComplianceJob(jobId: string): Promise<void> {
    await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key('COMPLIANCE'),
          UpdateExpression: 'REMOVE jobId, downloadUrl, submittedDay',
          ConditionExpression: 'jobId = :id',
          ExpressionAttributeValues: { ':id': jobId },
        }),
      ),
    );
  }

  claimLookupDay(day: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key('COMPLIANCE'),
          UpdateExpression: 'SET lastLookupDay = :day',
          ConditionExpression: 'attribute_not_exists(lastLookupDay) OR lastLookupDay < :day',
          ExpressionAttributeValues: { ':day': day },
        }),
      ),
    );
  }

  private key(sk: string): Record<string, string> {
    return { [TABLE_KEYS.partitionKey]: this.pk, [TABLE_KEYS.sortKey]: sk };
  }

  async getState(): Promise<PollerState> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: this.key('CURSOR'), ConsistentRead: true }));
    const state: PollerState = {};
    if (typeof Item?.sinceId === 'string') state.sinceId = Item.sinceId;
    if (typeof Item?.rateLimitedUntil === 'string') state.rateLimitedUntil = new Date(Item.rateLimitedUntil);
    if (typeof Item?.lookupRateLimitedUntil === 'string') state.lookupRateLimitedUntil = new Date(Item.lookupRateLimitedUntil);
    if (typeof Item?.usageCappedUntil === 'string') state.usageCappedUntil = new Date(Item.usageCappedUntil);
    if (typeof Item?.oldestMentionDay === 'string') state.oldestMentionDay = Item.oldestMentionDay;
    return state;
  }

  async acquireLease(owner: string, now: Date, ttlSeconds: number): Promise<boolean> {
    const expiresAtMs = now.getTime() + ttlSeconds * 1000;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key('LEASE'),
            owner,
            leaseExpiresAtMs: expiresAtMs,
            [TTL_ATTRIBUTE]: Math.ceil(expiresAtMs / 1000),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR leaseExpiresAtMs < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now.getTime(), ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async renewLease(owner: string, now: Date, ttlSeconds: number): Promise<boolean> {
    const expiresAtMs = now.getTime() + ttlSeconds * 1000;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key('LEASE'),
          UpdateExpression: 'SET leaseExpiresAtMs = :exp, #ttl = :ttl',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':exp': expiresAtMs, ':ttl': Math.ceil(expiresAtMs / 1000), ':owner': owner },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseLease(owner: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key('LEASE'),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async advanceCursor(sinceId: string, now: Date): Promise<boolean> {
    const sinceIdKey = tweetIdSortKey(sinceId);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key('CURSOR'),
          UpdateExpression: 'SET sinceId = :id, sinceIdKey = :key, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(sinceIdKey) OR sinceIdKey < :key',
          ExpressionAttributeValues: { ':id': sinceId, ':key': sinceIdKey, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  recordRateLimit(until: Date, endpoint: XReadEndpoint = 'mentions'): Promise<void> {
    return this.recordWait(endpoint === 'mentions' ? 'rateLimitedUntil' : 'lookupRateLimitedUntil', until);
  }

  recordUsageCap(until: Date): Promise<void> {
    return this.recordWait('usageCappedUntil', until);
  }

  recordMentionDay(day: string): Promise<void> {
    return this.setOnCursor('oldestMentionDay', day, 'lower');
  }

  /** Sets one wait attribute on the cursor item, keeping a later instant already stored. */
  private recordWait(attribute: 'rateLimitedUntil' | 'lookupRateLimitedUntil' | 'usageCappedUntil', until: Date): Promise<void> {
    return this.setOnCursor(attribute, until.toISOString(), 'higher');
  }

  /** Sets a sortable string attribute of the cursor item only when it moves the given way (ISO instants, days). */
  private async setOnCursor(attribute: string, value: string, only: 'higher' | 'lower'): Promise<void> {
    await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key('CURSOR'),
          UpdateExpression: 'SET #attribute = :value',
          ConditionExpression: `attribute_not_exists(#attribute) OR #attribute ${only === 'higher' ? '<' : '>'} :value`,
          ExpressionAttributeNames: { '#attribute': attribute },
          ExpressionAttributeValues: { ':value': value },
        }),
      ),
    );
  }

  async reserveReads(month: string, requested: number, minimum: number, budget: number): Promise<number> {
    let want = Math.min(requested, budget);
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS && want >= minimum; attempt += 1) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: this.key(`${this.budgetPrefix}${month}`),
            UpdateExpression: 'ADD used :n SET budget = :budget, #ttl = if_not_exists(#ttl, :ttl)',
            ConditionExpression: 'attribute_not_exists(used) OR used <= :limit',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: {
              ':n': want,
              ':budget': budget,
              ':limit': budget - want,
              ':ttl': Math.ceil(monthStart(month).getTime() / 1000) + BUDGET_ITEM_DAYS * 86_400,
            },
          }),
        );
        return want;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const used = await this.readsUsed(month);
        want = Math.min(requested, budget - used);
      }
    }
    return 0;
  }

  async refundReads(month: string, count: number): Promise<void> {
    if (count <= 0) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(`${this.budgetPrefix}${month}`),
          UpdateExpression: 'ADD used :minus',
          ConditionExpression: 'used >= :n',
          ExpressionAttributeValues: { ':minus': -count, ':n': count },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Reads counted this month (reserved and not refunded); for operators and tests. */
  async readsUsed(month: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(`${this.budgetPrefix}${month}`), ConsistentRead: true }),
    );
    return typeof Item?.used === 'number' ? Item.used : 0;
  }
}

function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}
