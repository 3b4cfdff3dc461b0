import { MAX_SHARDS, type ChainId } from '../../core/audit/chain.ts';
import type { AccessRecord } from '../../core/audit/model.ts';
import { AUDIT_GSIS } from './audit-table-definition.ts';

/*
 * Audit table keys (docs/adr/0018-audit-trail-hash-chains.md):
 *   record            CHAIN#<KST day>#<shard 2 digits>   SEQ#<seq 9 digits>
 *   day summary       REVIEW#<YYYY-MM>                   DAY#<day>#ACTOR#<subject>
 *   day summarized    REVIEW#<YYYY-MM>                   DAY#<day>#COMPLETE
 */
export function chainPk(chain: ChainId): string {
  return `CHAIN#${chain.day}#${String(chain.shard).padStart(2, '0')}`;
}

export const SEQ_PREFIX = 'SEQ#';

export function seqSk(seq: number): string {
  return `${SEQ_PREFIX}${String(seq).padStart(9, '0')}`;
}

export function seqOf(sk: string): number | null {
  const match = /^SEQ#(\d{9})$/.exec(sk);
  return match ? Number(match[1]) : null;
}

/** True for a key that is a chain slot of `day` (any shard the chains may use). */
export function isChainSlot(day: string, pk: unknown, sk: unknown): boolean {
  if (typeof pk !== 'string' || typeof sk !== 'string') return false;
  const match = /^CHAIN#(\d{4}-\d{2}-\d{2})#(\d{2})$/.exec(pk);
  return match !== null && match[1] === day && Number(match[2]) < MAX_SHARDS && seqOf(sk) !== null;
}

/** The sort key every listing index shares: newest first by time, ties by event id. */
export function listingKey(record: Pick<AccessRecord, 'at' | 'eventId'>): string {
  return `${record.at}#${record.eventId}`;
}

/** The index attributes a record must carry, derived from its fields only. */
export function indexAttributes(record: Pick<AccessRecord, 'at' | 'eventId' | 'day' | 'actorUsername' | 'action' | 'complaintId'>): Record<string, string> {
  const sortKey = listingKey(record);
  const { byDay, byActor, byAction, byComplaint } = AUDIT_GSIS;
  return {
    [byDay.partitionKey]: `DAY#${record.day}`,
    [byDay.sortKey]: sortKey,
    [byActor.partitionKey]: `ACTOR#${record.actorUsername}`,
    [byActor.sortKey]: sortKey,
    [byAction.partitionKey]: `ACTION#${record.action}`,
    [byAction.sortKey]: sortKey,
    ...(record.complaintId ? { [byComplaint.partitionKey]: `COMPLAINT#${record.complaintId}`, [byComplaint.sortKey]: sortKey } : {}),
  };
}

export const INDEX_ATTRIBUTE_NAMES: readonly string[] = Object.values(AUDIT_GSIS).flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]);

export function reviewPk(month: string): string {
  return `REVIEW#${month}`;
}

export function summarySk(day: string, subject: string): string {
  return `DAY#${day}#ACTOR#${subject}`;
}

export function summarizedSk(day: string): string {
  return `DAY#${day}#COMPLETE`;
}
