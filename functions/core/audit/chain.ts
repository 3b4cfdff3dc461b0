import { createHash } from 'node:crypto';
import { crockfordBase32, digestOf } from '../ids.ts';
import type { AccessRecord } from './model.ts';

/**
 * Hash chains of access records. A KST day has up to MAX_SHARDS chains; an event's chain is fixed
 * by its id (so a retry of the same event always meets its first attempt), and each record
 * carries the hash of its predecessor. See docs/adr/0018-audit-trail-hash-chains.md.
 */
export const MAX_SHARDS = 64;
export const DEFAULT_SHARDS = 8;

export interface ChainId {
  readonly day: string;
  readonly shard: number;
}

/** What the next record links to: the chain's last record as stored. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly eventId: string;
}

/** Every field a record's hash covers, in the order it covers them. */
export const HASHED_FIELDS = [
  'v',
  'eventId',
  'at',
  'day',
  'shard',
  'seq',
  'actorSubject',
  'actorUsername',
  'role',
  'sourceIp',
  'action',
  'outcome',
  'refusal',
  'route',
  'requestId',
  'complaintId',
  'citizenKeyHash',
  'reason',
  'resultCount',
  'prevHash',
  'prevEventId',
] as const satisfies readonly (keyof AccessRecord)[];

export const RECORD_FIELDS: readonly string[] = [...HASHED_FIELDS, 'hash'];

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * SHA-256 (hex) of the record's fields in HASHED_FIELDS order, absent ones as null. Takes plain
 * values, not a typed record, so verification hashes exactly what the store holds, including a
 * field an intruder changed to another type.
 */
export function recordHash(fields: object): string {
  const values = fields as Readonly<Record<string, unknown>>;
  return sha256Hex(JSON.stringify(HASHED_FIELDS.map((name) => [name, values[name] ?? null])));
}

/** What seq 1 of a chain links to: distinct per day and shard, so no record can move between chains. */
export function genesisHash(chain: ChainId): string {
  return sha256Hex(JSON.stringify(['cgw-audit-genesis', chain.day, chain.shard]));
}

/** The chain an event belongs to among `shards`, from its id alone. */
export function shardOf(eventId: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) throw new RangeError(`shards must be an integer from 1 to ${MAX_SHARDS}`);
  return createHash('sha256').update(eventId, 'utf8').digest().readUInt32BE(0) % shards;
}

/**
 * Event id: deterministic from the request and what was done to what, so a retried write of the
 * same access converges on one record. 26 base32 characters = 130 bits.
 */
export function auditEventIdFor(parts: {
  requestId: string;
  action: string;
  outcome: string;
  complaintId?: string | undefined;
  citizenKeyHash?: string | undefined;
}): string {
  const digest = digestOf('audit', parts.requestId, parts.action, parts.outcome, parts.complaintId ?? '', parts.citizenKeyHash ?? '');
  return `aud_${crockfordBase32(digest).slice(0, 26).toLowerCase()}`;
}

export function isAuditEventId(value: string): boolean {
  return /^aud_[0-9a-hjkmnp-tv-z]{26}$/.test(value);
}
