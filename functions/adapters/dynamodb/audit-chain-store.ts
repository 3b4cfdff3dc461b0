import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChainHead, ChainId } from '../../core/audit/chain.ts';
import type { AccessRecord } from '../../core/audit/model.ts';
import type { AuditChainStore } from '../../core/audit/ports.ts';
import { parseAccessRecord } from '../../core/audit/record-schema.ts';
import { chainPk, INDEX_ATTRIBUTE_NAMES, indexAttributes, SEQ_PREFIX, seqOf, seqSk } from './audit-keys.ts';
import { AUDIT_EVENT_LSI } from './audit-table-definition.ts';
import { conditionally } from './conditional.ts';

export const RECORD_TYPE = 'access-record';
export const NOT_EXISTS = 'attribute_not_exists(pk)';
const LAYOUT_ATTRIBUTES = new Set(['pk', 'sk', 'type', ...INDEX_ATTRIBUTE_NAMES]);

export type Item = Record<string, unknown>;

/** A stored item's record fields (key and index attributes removed). */
export function fieldsOf(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !LAYOUT_ATTRIBUTES.has(name)));
}

function headOf(item: Item): ChainHead | null {
  const seq = typeof item.sk === 'string' ? seqOf(item.sk) : null;
  if (seq === null || typeof item.hash !== 'string' || typeof item.eventId !== 'string') return null;
  return { seq, hash: item.hash, eventId: item.eventId };
}

/**
 * What a staff function needs of the audit table: append records to chains (read a head, look an
 * event up, put a free slot). Kept apart from the reading and sealing side (DynamoAuditStore) so
 * every staff function's bundle carries only this.
 */
export class DynamoAuditChainStore implements AuditChainStore {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async chainHead(chain: ChainId): Promise<ChainHead | null> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
        ExpressionAttributeValues: { ':pk': chainPk(chain), ':seq': SEQ_PREFIX },
        ProjectionExpression: 'sk, eventId, #hash',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items?.[0];
    if (!item) return null;
    const head = headOf(item);
    // A head that cannot be linked to (tampered) must stop appends loudly, not fork the chain.
    if (!head) throw new Error(`audit chain ${chainPk(chain)}: the head item ${String(item.sk)} has no hash or event id`);
    return head;
  }

  async findInChain(chain: ChainId, eventId: string): Promise<AccessRecord | null> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: AUDIT_EVENT_LSI.indexName,
        KeyConditionExpression: 'pk = :pk AND eventId = :eventId',
        ExpressionAttributeValues: { ':pk': chainPk(chain), ':eventId': eventId },
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    const key = Items?.[0];
    if (!key) return null;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }));
    const record = Item ? parseAccessRecord(fieldsOf(Item)) : null;
    if (!record) throw new Error(`audit chain ${chainPk(chain)}: ${String(key.sk)} holds event ${eventId} but is not a readable record`);
    return record;
  }

  append(record: AccessRecord): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: chainPk(record), sk: seqSk(record.seq), type: RECORD_TYPE, ...record, ...indexAttributes(record) },
          ConditionExpression: NOT_EXISTS,
        }),
      ),
    );
  }
}
