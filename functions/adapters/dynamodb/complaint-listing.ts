import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../../schemas/inbound-message.ts';
import { kstDay, kstDaysBetween } from '../../core/kst.ts';
import type { ComplaintStatus, LanguageCode } from '../../core/model.ts';
import type { ComplaintListQuery, ComplaintPage, VersionedComplaint } from '../../core/ports/complaint-repository.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { itemToComplaint, type Item } from './item-mappers.ts';
import { channelDayPartition, OPEN_DUE_PARTITION, statusPartition } from './keys.ts';
import { GSIS } from './table-definition.ts';

const ALL_STATUSES: readonly ComplaintStatus[] = ['received', 'in_progress', 'answered', 'closed'];
/** Beyond this many days a channel listing reads the status index instead of one query per day. */
const MAX_DAY_PARTITIONS = 62;
const LOWEST = '0000';
const HIGHEST = '9999';

interface IndexPartition {
  indexName: string;
  partitionAttribute: string;
  sortAttribute: string;
  partition: string;
}

/** Attribute filters applied server-side after the index read. */
interface ItemFilter {
  channel?: Channel;
  status?: ComplaintStatus;
  language?: LanguageCode;
  category?: string;
}

function filterExpression(filter: ItemFilter): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
  const entries = Object.entries(filter).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return { names: {}, values: {} };
  return {
    expression: entries.map(([attribute]) => `#f_${attribute} = :f_${attribute}`).join(' AND '),
    names: Object.fromEntries(entries.map(([attribute]) => [`#f_${attribute}`, attribute])),
    values: Object.fromEntries(entries.map(([attribute, value]) => [`:f_${attribute}`, value])),
  };
}

/**
 * Reads one index partition lazily, a page at a time, inside the sort-key range; keeps
 * only complaints passing the filter (applied server-side, so Limit may return short
 * pages: the reader simply reads on).
 */
class PartitionReader {
  #buffer: Item[] = [];
  #startKey: Record<string, unknown> | undefined;
  #exhausted = false;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly source: IndexPartition,
    private readonly range: { low: string; high: string; exclude?: string },
    private readonly descending: boolean,
    private readonly pageSize: number,
    private readonly filter: ItemFilter,
  ) {}

  async peek(): Promise<Item | undefined> {
    while (this.#buffer.length === 0 && !this.#exhausted) await this.#readPage();
    return this.#buffer[0];
  }

  take(): Item | undefined {
    return this.#buffer.shift();
  }

  async #readPage(): Promise<void> {
    const { indexName, partitionAttribute, sortAttribute, partition } = this.source;
    const filter = filterExpression(this.filter);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        ExpressionAttributeNames: { '#pk': partitionAttribute, '#sk': sortAttribute, ...filter.names },
        ExpressionAttributeValues: { ':pk': partition, ':low': this.range.low, ':high': this.range.high, ...filter.values },
        ScanIndexForward: !this.descending,
        Limit: this.pageSize,
        ...(this.#startKey ? { ExclusiveStartKey: this.#startKey } : {}),
      }),
    );
    const items = (result.Items ?? []).filter((item) => item[sortAttribute] !== this.range.exclude);
    this.#buffer.push(...items);
    this.#startKey = result.LastEvaluatedKey;
    if (!result.LastEvaluatedKey) this.#exhausted = true;
  }
}

function statusSources(statuses: readonly ComplaintStatus[]): IndexPartition[] {
  return statuses.map((status) => ({
    indexName: GSIS.byStatus.indexName,
    partitionAttribute: GSIS.byStatus.partitionKey,
    sortAttribute: GSIS.byStatus.sortKey,
    partition: statusPartition(status),
  }));
}

function channelDaySources(channel: Channel, days: string[]): IndexPartition[] {
  return days.map((day) => ({
    indexName: GSIS.byChannelDay.indexName,
    partitionAttribute: GSIS.byChannelDay.partitionKey,
    sortAttribute: GSIS.byChannelDay.sortKey,
    partition: channelDayPartition(channel, day),
  }));
}

const OPEN_DUE_SOURCE: IndexPartition = {
  indexName: GSIS.byOpenDue.indexName,
  partitionAttribute: GSIS.byOpenDue.partitionKey,
  sortAttribute: GSIS.byOpenDue.sortKey,
  partition: OPEN_DUE_PARTITION,
};

interface ListingPlan {
  sources: IndexPartition[];
  mode: 'merge' | 'concat';
  filter: ItemFilter;
  /** The sort key every source shares: the page order and the cursor. */
  sortAttribute: string;
}

/**
 * Picks the index for a listing:
 * - due order: the open-by-due index (gsi4), earliest due first, every other criterion filtered;
 * - a status: that status partition of gsi1 (the counselor queue), channel filtered;
 * - a channel and a bounded day range: gsi2's channel+day partitions, read one day after
 *   the other (days are disjoint in time, so concatenating them keeps the order);
 * - otherwise: the four status partitions of gsi1, merged by creation time.
 * Language and category are always filters.
 */
function plan(query: ComplaintListQuery, low: string, high: string, after: string | undefined): ListingPlan {
  const attributes: ItemFilter = { ...(query.language ? { language: query.language } : {}), ...(query.category ? { category: query.category } : {}) };
  const withChannel: ItemFilter = { ...(query.channel ? { channel: query.channel } : {}), ...attributes };
  const byCreation = GSIS.byStatus.sortKey;
  if (query.order === 'due') {
    return { sources: [OPEN_DUE_SOURCE], mode: 'merge', filter: { ...withChannel, ...(query.status ? { status: query.status } : {}) }, sortAttribute: OPEN_DUE_SOURCE.sortAttribute };
  }
  if (query.status) return { sources: statusSources([query.status]), mode: 'merge', filter: withChannel, sortAttribute: byCreation };
  if (query.channel && low !== LOWEST && high !== HIGHEST) {
    let days = kstDaysBetween(kstDay(low), kstDay(new Date(Date.parse(high) - 1)));
    if (days.length <= MAX_DAY_PARTITIONS) {
      // Days the cursor has already left behind hold nothing for this page.
      const cursorDay = after ? kstDay(after.slice(0, 24)) : undefined;
      if (cursorDay) days = days.filter((day) => (query.order === 'newest' ? day <= cursorDay : day >= cursorDay));
      return { sources: channelDaySources(query.channel, query.order === 'newest' ? days.reverse() : days), mode: 'concat', filter: attributes, sortAttribute: byCreation };
    }
  }
  return { sources: statusSources(ALL_STATUSES), mode: 'merge', filter: withChannel, sortAttribute: byCreation };
}

export async function listComplaintPage(client: DynamoDBDocumentClient, tableName: string, query: ComplaintListQuery): Promise<ComplaintPage> {
  const descending = query.order === 'newest';
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  let low = query.createdFrom ?? LOWEST;
  let high = query.createdBefore ?? HIGHEST;
  if (low >= high) return { items: [] };
  const { sources, mode, filter, sortAttribute } = plan(query, low, high, after);
  if (after !== undefined) {
    if (descending) high = after < high ? after : high;
    else low = after > low ? after : low;
  }
  const readers = sources.map(
    (source) => new PartitionReader(client, tableName, source, { low, high, ...(after ? { exclude: after } : {}) }, descending, query.limit + 1, filter),
  );
  const sortOf = (item: Item): string => String(item[sortAttribute]);
  const better = (a: string, b: string): boolean => (descending ? a > b : a < b);

  const page: Item[] = [];
  let current = 0;
  const next = async (): Promise<PartitionReader | undefined> => {
    if (mode === 'concat') {
      for (; current < readers.length; current += 1) {
        const reader = readers[current];
        if (reader && (await reader.peek())) return reader;
      }
      return undefined;
    }
    const heads = await Promise.all(readers.map((reader) => reader.peek()));
    let best: number | undefined;
    heads.forEach((head, i) => {
      if (!head) return;
      const bestHead = best === undefined ? undefined : heads[best];
      if (!bestHead || better(sortOf(head), sortOf(bestHead))) best = i;
    });
    return best === undefined ? undefined : readers[best];
  };

  while (page.length < query.limit) {
    const reader = await next();
    const item = reader?.take();
    if (!item) break;
    page.push(item);
  }
  const items: VersionedComplaint[] = page.map(itemToComplaint);
  const last = page.at(-1);
  const more = page.length === query.limit && last !== undefined && (await next()) !== undefined;
  return { items, ...(more && last ? { nextCursor: encodeCursor(sortOf(last)) } : {}) };
}
