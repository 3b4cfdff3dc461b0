import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LookupGuard, ReceiptFailures } from '../../core/status-lookup/ports.ts';
import { conditionally } from './conditional.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/** A receipt number's failure state matters for minutes; TTL removes it a day later. */
const FAILURES_TTL_S = 24 * 3600;
/** Concurrent failures on one receipt number settle within a few rounds; past this it counts as locked. */
const MAX_ROUNDS = 10;

/**
 * The status lookup's guard in the complaint table: `LOOKUPRATE#<source key>` / `W#<window start>`
 * (one counter per source and fixed window) and `LOOKUPFAIL#<receipt number>` / `FAILURES` (the
 * receipt's failure count and lock, versioned). Stored, so the limits hold across every Lambda
 * container; TTL removes both once they no longer matter.
 */
export const sourceWindowKey = (sourceKey: string, start: number) => ({ pk: `LOOKUPRATE#${sourceKey}`, sk: `W#${start}` });
export const receiptFailuresKey = (receiptNo: string) => ({ pk: `LOOKUPFAIL#${receiptNo}`, sk: 'FAILURES' });

export class DynamoLookupGuard implements LookupGuard {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  admitSource(sourceKey: string, window: { start: number; lengthMs: number; limit: number }): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sourceWindowKey(sourceKey, window.start),
          UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD lookups :one',
          ConditionExpression: 'attribute_not_exists(lookups) OR lookups < :limit',
          ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':type': 'lookup-source-window', ':ttl': Math.ceil((window.start + window.lengthMs) / 1000) + 60, ':one': 1, ':limit': window.limit },
        }),
      ),
    );
  }

  async receiptFailures(receiptNo: string): Promise<ReceiptFailures | null> {
    return (await this.#read(receiptNo))?.state ?? null;
  }

  async updateReceiptFailures(receiptNo: string, next: (current: ReceiptFailures | null) => ReceiptFailures): Promise<ReceiptFailures> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await this.#read(receiptNo);
      const state = next(current?.state ?? null);
      const version = (current?.version ?? 0) + 1;
      const written = await conditionally(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...receiptFailuresKey(receiptNo), type: 'lookup-receipt-failures', ...state, version, [TTL_ATTRIBUTE]: Math.ceil(Date.parse(state.windowStart) / 1000) + FAILURES_TTL_S },
            ConditionExpression: current ? 'version = :version' : 'attribute_not_exists(pk)',
            ...(current ? { ExpressionAttributeValues: { ':version': current.version } } : {}),
          }),
        ),
      );
      if (written) return state;
    }
    throw new Error(`receipt failures of ${receiptNo} kept changing under us`);
  }

  async #read(receiptNo: string): Promise<{ state: ReceiptFailures; version: number } | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: receiptFailuresKey(receiptNo), ConsistentRead: true }));
    if (!Item) return null;
    const state: ReceiptFailures = { failures: Number(Item.failures), windowStart: String(Item.windowStart), ...(Item.lockedUntil ? { lockedUntil: String(Item.lockedUntil) } : {}) };
    return { state, version: Number(Item.version) };
  }
}
