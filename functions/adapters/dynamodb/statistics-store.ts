import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EMPTY, type Counters } from '../../core/statistics/counters.ts';
import { ROLLUP_KINDS, type Bucket, type EntityRef, type RollupKind } from '../../core/statistics/model.ts';
import type { LedgerEntry, PendingChange, RollupSnapshot, RollupStore, VoiceQueueMetricsStore } from '../../core/statistics/ports.ts';
import type { VoiceQueueDay } from '../../core/statistics/voice-queues.ts';
import { conditionally } from './conditional.ts';
import { queryItems } from './query-pages.ts';
import { COUNTER_PREFIX, TOKEN_PREFIX, ledgerKey, ledgerPartition, rollupKey, rollupPartition, voiceKey } from './statistics-keys.ts';

/** DynamoDB caps an expression at 4 KB: a repair adds at most this many counters per write. */
const COUNTERS_PER_WRITE = 40;
const BATCH_WRITE_LIMIT = 25;

type Item = Record<string, unknown>;

function countersOf(value: unknown): Counters {
  if (!value || typeof value !== 'object') return EMPTY;
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(value)) if (typeof n === 'number' && n !== 0) out[key] = n;
  return out;
}

function ledgerOf(item: Item): LedgerEntry {
  const pending = item.pending as (Omit<PendingChange, 'target' | 'delta'> & { target: unknown; delta: unknown }) | undefined;
  return {
    ref: item.ref as EntityRef,
    rev: Number(item.rev ?? 0),
    applied: countersOf(item.applied),
    ...(pending ? { pending: { rev: Number(pending.rev), leaseAt: String(pending.leaseAt), target: countersOf(pending.target), delta: countersOf(pending.delta) } } : {}),
  };
}

function snapshotOf(item: Item): RollupSnapshot {
  const counters: Record<string, number> = {};
  const tokens: string[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COUNTER_PREFIX) && typeof value === 'number' && value !== 0) counters[name.slice(COUNTER_PREFIX.length)] = value;
    else if (name.startsWith(TOKEN_PREFIX)) tokens.push(name.slice(TOKEN_PREFIX.length));
  }
  return { counters, writes: Number(item.writes ?? 0), tokens };
}

/** `ADD #c0 :c0, ...` for a counter delta, with its names and values. */
function addClause(delta: Counters): { clause: string; names: Record<string, string>; values: Record<string, number> } {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(delta).map(([name, value], i) => {
    names[`#c${i}`] = `${COUNTER_PREFIX}${name}`;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  return { clause: parts.join(', '), names, values };
}

function monthsOf(days: readonly string[]): Array<{ partition: string; first: string; last: string }> {
  const byMonth = new Map<string, string[]>();
  for (const day of days) byMonth.set(rollupPartition(day), [...(byMonth.get(rollupPartition(day)) ?? []), day]);
  return [...byMonth].map(([partition, list]) => ({ partition, first: [...list].sort()[0] as string, last: [...list].sort().at(-1) as string }));
}

/** Rollups, ledgers and Connect's queue metrics on the complaint table; every write one conditional request. */
export class DynamoStatisticsStore implements RollupStore, VoiceQueueMetricsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getLedger(bucket: Bucket, entityId: string): Promise<LedgerEntry | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: ledgerKey(bucket, entityId), ConsistentRead: true }));
    return Item ? ledgerOf(Item) : null;
  }

  beginChange(bucket: Bucket, entityId: string, ref: EntityRef, expectedRev: number | null, pending: PendingChange): Promise<boolean> {
    if (expectedRev === null) {
      return conditionally(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...ledgerKey(bucket, entityId), type: 'statistics-ledger', ref, rev: 0, applied: {}, pending },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    }
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(bucket, entityId),
          UpdateExpression: 'SET pending = :pending',
          ConditionExpression: 'rev = :rev AND attribute_not_exists(pending)',
          ExpressionAttributeValues: { ':pending': pending, ':rev': expectedRev },
        }),
      ),
    );
  }

  takeOverChange(bucket: Bucket, entityId: string, rev: number, seenLeaseAt: string, leaseAt: string): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(bucket, entityId),
          UpdateExpression: 'SET pending.leaseAt = :lease',
          ConditionExpression: 'pending.rev = :rev AND pending.leaseAt = :seen',
          ExpressionAttributeValues: { ':lease': leaseAt, ':rev': rev, ':seen': seenLeaseAt },
        }),
      ),
    );
  }

  addToRollup(bucket: Bucket, delta: Counters, token: string, at: string): Promise<boolean> {
    const add = addClause(delta);
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rollupKey(bucket),
          UpdateExpression: `SET #token = :at, updatedAt = :at, #type = :type, #day = :day, #kind = :kind ADD writes :one${add.clause ? `, ${add.clause}` : ''}`,
          ConditionExpression: 'attribute_not_exists(#token)',
          ExpressionAttributeNames: { '#token': `${TOKEN_PREFIX}${token}`, '#type': 'type', '#day': 'day', '#kind': 'kind', ...add.names },
          ExpressionAttributeValues: { ':at': at, ':type': 'statistics-rollup', ':day': bucket.day, ':kind': bucket.kind, ':one': 1, ...add.values },
        }),
      ),
    );
  }

  commitChange(bucket: Bucket, entityId: string, pending: PendingChange): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(bucket, entityId),
          UpdateExpression: 'SET applied = :target, rev = :rev REMOVE pending',
          ConditionExpression: 'pending.rev = :rev AND pending.leaseAt = :lease',
          ExpressionAttributeValues: { ':target': pending.target, ':rev': pending.rev, ':lease': pending.leaseAt },
        }),
      ),
    );
  }

  async releaseToken(bucket: Bucket, token: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rollupKey(bucket),
        UpdateExpression: 'REMOVE #token',
        ExpressionAttributeNames: { '#token': `${TOKEN_PREFIX}${token}` },
      }),
    );
  }

  async readRollups(days: readonly string[]): Promise<Map<string, Partial<Record<RollupKind, RollupSnapshot>>>> {
    const wanted = new Set(days);
    const out = new Map<string, Partial<Record<RollupKind, RollupSnapshot>>>();
    for (const item of await this.#monthItems(days)) {
      const [day = '', kind = ''] = String(item.sk).split('#');
      if (!wanted.has(day) || !(ROLLUP_KINDS as readonly string[]).includes(kind)) continue;
      out.set(day, { ...out.get(day), [kind]: snapshotOf(item) });
    }
    return out;
  }

  async listLedgers(bucket: Bucket): Promise<Array<{ entityId: string; ledger: LedgerEntry }>> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ledgerPartition(bucket) },
      ConsistentRead: true,
    });
    return items.map((item) => ({ entityId: String(item.sk), ledger: ledgerOf(item) }));
  }

  async repairRollup(bucket: Bucket, delta: Counters, expectedWrites: number, at: string): Promise<boolean> {
    const entries = Object.entries(delta);
    let writes = expectedWrites;
    for (let start = 0; start < entries.length; start += COUNTERS_PER_WRITE) {
      const add = addClause(Object.fromEntries(entries.slice(start, start + COUNTERS_PER_WRITE)));
      const done = await conditionally(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: rollupKey(bucket),
            UpdateExpression: `SET updatedAt = :at, repairedAt = :at, #type = :type, #day = :day, #kind = :kind ADD writes :one, ${add.clause}`,
            ConditionExpression: writes < 0 ? 'attribute_not_exists(pk)' : 'writes = :writes',
            ExpressionAttributeNames: { '#type': 'type', '#day': 'day', '#kind': 'kind', ...add.names },
            ExpressionAttributeValues: { ':at': at, ':type': 'statistics-rollup', ':day': bucket.day, ':kind': bucket.kind, ':one': 1, ...(writes < 0 ? {} : { ':writes': writes }), ...add.values },
          }),
        ),
      );
      if (!done) return false;
      writes = writes < 0 ? 1 : writes + 1;
    }
    return true;
  }

  async writeLedgers(bucket: Bucket, entries: ReadonlyArray<{ entityId: string; ref: EntityRef; counters: Counters }>): Promise<void> {
    for (let start = 0; start < entries.length; start += BATCH_WRITE_LIMIT) {
      let requests = entries.slice(start, start + BATCH_WRITE_LIMIT).map((entry) => ({
        PutRequest: { Item: { ...ledgerKey(bucket, entry.entityId), type: 'statistics-ledger', ref: entry.ref, rev: 1, applied: entry.counters } },
      }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const { UnprocessedItems } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  createRollup(bucket: Bucket, counters: Counters, at: string): Promise<boolean> {
    const attributes = Object.fromEntries(Object.entries(counters).map(([name, value]) => [`${COUNTER_PREFIX}${name}`, value]));
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...rollupKey(bucket), type: 'statistics-rollup', day: bucket.day, kind: bucket.kind, writes: 1, updatedAt: at, rebuiltAt: at, ...attributes },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async readVoiceDays(days: readonly string[]): Promise<Map<string, VoiceQueueDay>> {
    const wanted = new Set(days);
    const out = new Map<string, VoiceQueueDay>();
    for (const item of await this.#monthItems(days)) {
      const [day = '', kind = ''] = String(item.sk).split('#');
      if (kind === 'voice' && wanted.has(day)) out.set(day, { day, readAt: String(item.readAt), queues: (item.queues ?? {}) as VoiceQueueDay['queues'] });
    }
    return out;
  }

  async writeVoiceDay(day: VoiceQueueDay): Promise<void> {
    // Connect is the source: a re-read replaces the day whole.
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...voiceKey(day.day), type: 'statistics-voice-queues', day: day.day, readAt: day.readAt, queues: day.queues } }));
  }

  async #monthItems(days: readonly string[]): Promise<Item[]> {
    const months = monthsOf(days);
    const pages = await Promise.all(
      months.map(({ partition, first, last }) =>
        queryItems(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': partition, ':first': `${first}#`, ':last': `${last}#~` },
          ConsistentRead: true,
        }),
      ),
    );
    return pages.flat();
  }
}
