import { PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { kstDay, kstDaysBetween } from '../../core/kst.ts';
import type { ChainId } from '../../core/audit/chain.ts';
import type { AccessRecord } from '../../core/audit/model.ts';
import type { AccessRecordPage, AccessRecordQuery, AuditStore, StoredChainItem, StrayIndexEntry } from '../../core/audit/ports.ts';
import { parseAccessRecord } from '../../core/audit/record-schema.ts';
import type { ActorDaySummary } from '../../core/audit/review-model.ts';
import { parseDaySummary } from '../../core/audit/summary-schema.ts';
import {
  chainPk,
  INDEX_ATTRIBUTE_NAMES,
  indexAttributes,
  isChainSlot,
  reviewPk,
  SEQ_PREFIX,
  seqOf,
  summarizedSk,
  summarySk,
} from './audit-keys.ts';
import { AUDIT_GSIS, type AuditGsiDefinition } from './audit-table-definition.ts';
import { DynamoAuditChainStore, fieldsOf, NOT_EXISTS, RECORD_TYPE, type Item } from './audit-chain-store.ts';
import { conditionally } from './conditional.ts';
import { queryPages } from './query-pages.ts';

/** Items read per page when a filter may drop most of them. */
const FILTERED_PAGE = 500;

/** Index attributes that do not match what the item's own fields make (a record moved out of a listing). */
function layoutProblems(item: Item, fields: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (item.type !== RECORD_TYPE) problems.push(`type is ${String(item.type)}, not ${RECORD_TYPE}`);
  const { at, eventId, day, actorUsername, action, complaintId } = fields;
  if (typeof at !== 'string' || typeof eventId !== 'string' || typeof day !== 'string' || typeof actorUsername !== 'string' || typeof action !== 'string') return problems;
  const expected = indexAttributes({ at, eventId, day, actorUsername, action: action as AccessRecord['action'], ...(typeof complaintId === 'string' ? { complaintId: complaintId as AccessRecord['complaintId'] & string } : {}) });
  for (const name of INDEX_ATTRIBUTE_NAMES) {
    if (item[name] !== expected[name]) problems.push(`${name} is ${item[name] === undefined ? 'absent' : JSON.stringify(item[name])}, its fields make ${expected[name] === undefined ? 'none' : JSON.stringify(expected[name])}`);
  }
  return problems;
}

/**
 * The audit table on DynamoDB (or the embedded dynalite): appends (DynamoAuditChainStore), and
 * the reading and sealing side (verification, listings, summaries) for the audit API and the
 * digest job. Writes are PutItem with attribute_not_exists only, so the functions' IAM grant
 * needs no UpdateItem or DeleteItem.
 */
export class DynamoAuditStore extends DynamoAuditChainStore implements AuditStore {
  async *chainItems(chain: ChainId): AsyncIterable<StoredChainItem> {
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
      ExpressionAttributeValues: { ':pk': chainPk(chain), ':seq': SEQ_PREFIX },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        const seq = typeof item.sk === 'string' ? seqOf(item.sk) : null;
        if (seq === null) continue;
        const fields = fieldsOf(item);
        yield { seq, fields, layoutProblems: layoutProblems(item, fields) };
      }
    }
  }

  async *strayIndexEntries(day: string): AsyncIterable<StrayIndexEntry> {
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      IndexName: AUDIT_GSIS.byDay.indexName,
      KeyConditionExpression: `${AUDIT_GSIS.byDay.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': `DAY#${day}` },
      ProjectionExpression: 'pk, sk, eventId',
    })) {
      for (const item of page.Items ?? []) {
        if (isChainSlot(day, item.pk, item.sk)) continue;
        yield { key: `${String(item.pk)} ${String(item.sk)}`, ...(typeof item.eventId === 'string' ? { eventId: item.eventId } : {}) };
      }
    }
  }

  async listRecords(query: AccessRecordQuery): Promise<AccessRecordPage> {
    const upper = query.before && query.before < query.toIso ? query.before : query.toIso;
    const { index, partitions, filters } = this.#plan(query, upper);
    const wanted = query.limit + 1;
    const found: AccessRecord[] = [];
    for (const partition of partitions) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :pk AND ${index.sortKey} BETWEEN :lo AND :hi`,
        ExpressionAttributeValues: { ':pk': partition, ':lo': query.fromIso, ':hi': upper, ...filters.values },
        ...(filters.expression ? { FilterExpression: filters.expression, ExpressionAttributeNames: filters.names } : {}),
        ScanIndexForward: false,
        Limit: filters.expression ? FILTERED_PAGE : wanted,
      };
      for await (const page of queryPages(this.client, input)) {
        for (const item of page.Items ?? []) {
          // BETWEEN includes its upper bound: the cursor's own record was on the previous page.
          if (item[index.sortKey] === query.before) continue;
          const record = parseAccessRecord(fieldsOf(item));
          if (record) found.push(record);
        }
        if (found.length >= wanted) break;
      }
      if (found.length >= wanted) break;
    }
    const records = found.slice(0, query.limit);
    const last = records.at(-1);
    return { records, ...(found.length > query.limit && last ? { lastKey: `${last.at}#${last.eventId}` } : {}) };
  }

  /** The most selective index for the query; the other conditions become filters. */
  #plan(query: AccessRecordQuery, upper: string): { index: AuditGsiDefinition; partitions: string[]; filters: { expression?: string; names: Record<string, string>; values: Record<string, string> } } {
    const conditions: Array<[string, string | undefined]> = [
      ['complaintId', query.complaintId],
      ['actorUsername', query.actor],
      ['action', query.action],
    ];
    let index: AuditGsiDefinition = AUDIT_GSIS.byDay;
    let partitions: string[];
    let used: string | undefined;
    if (query.complaintId) [index, partitions, used] = [AUDIT_GSIS.byComplaint, [`COMPLAINT#${query.complaintId}`], 'complaintId'];
    else if (query.actor) [index, partitions, used] = [AUDIT_GSIS.byActor, [`ACTOR#${query.actor}`], 'actorUsername'];
    else if (query.action) [index, partitions, used] = [AUDIT_GSIS.byAction, [`ACTION#${query.action}`], 'action'];
    else {
      // Newest day first: from the cursor's own day when resuming (ties at its instant follow it), else the
      // day of the exclusive upper bound's previous millisecond.
      const last = upper === query.toIso ? kstDay(new Date(Date.parse(upper) - 1)) : kstDay(upper.slice(0, 24));
      partitions = kstDaysBetween(kstDay(query.fromIso), last).reverse().map((day) => `DAY#${day}`);
    }
    const rest = conditions.filter(([name, value]) => value !== undefined && name !== used);
    const names = Object.fromEntries(rest.map(([name], i) => [`#f${i}`, name]));
    const values = Object.fromEntries(rest.map(([, value], i) => [`:f${i}`, value as string]));
    const expression = rest.map((_, i) => `#f${i} = :f${i}`).join(' AND ');
    return { index, partitions, filters: { ...(expression ? { expression } : {}), names, values } };
  }

  async putDaySummary(summary: ActorDaySummary): Promise<void> {
    await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: reviewPk(summary.day.slice(0, 7)), sk: summarySk(summary.day, summary.subject), type: 'review-summary', summary },
          ConditionExpression: NOT_EXISTS,
        }),
      ),
    );
  }

  async markDaySummarized(day: string, actors: number): Promise<void> {
    await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: reviewPk(day.slice(0, 7)), sk: summarizedSk(day), type: 'review-complete', day, actors },
          ConditionExpression: NOT_EXISTS,
        }),
      ),
    );
  }

  async monthSummaries(month: string): Promise<{ completeDays: string[]; summaries: ActorDaySummary[] }> {
    const completeDays: string[] = [];
    const summaries: ActorDaySummary[] = [];
    const unreadable = new Set<string>();
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': reviewPk(month) },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        if (item.type === 'review-complete' && typeof item.day === 'string') completeDays.push(item.day);
        else if (item.type === 'review-summary') {
          const summary = parseDaySummary(item.summary);
          if (summary) summaries.push(summary);
          else if (typeof item.sk === 'string') unreadable.add(item.sk.slice(4, 14));
        }
      }
    }
    // A day with a summary that does not parse is recomputed from its records rather than undercounted.
    return { completeDays: completeDays.filter((day) => !unreadable.has(day)), summaries };
  }
}
