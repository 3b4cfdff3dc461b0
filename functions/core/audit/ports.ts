import type { ChainHead, ChainId } from './chain.ts';
import type { DailyDigest } from './digest-model.ts';
import type { AccessRecord, AuditAction, AuditComplaintId } from './model.ts';
import type { ActorDaySummary } from './review-model.ts';

/** One stored chain item as the store holds it, for verification (nothing assumed well-formed). */
export interface StoredChainItem {
  /** Sequence number from the item's key. */
  readonly seq: number;
  /** The record's attributes as stored (key and index attributes removed). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** What the store itself finds wrong with the item's layout (index keys that do not match its fields, unknown attributes). */
  readonly layoutProblems: readonly string[];
}

/** An item of a day's listing index that names a key outside every chain of that day. */
export interface StrayIndexEntry {
  readonly key: string;
  readonly eventId?: string;
}

export interface AccessRecordQuery {
  /** Inclusive lower bound (UTC ISO). */
  readonly fromIso: string;
  /** Exclusive upper bound (UTC ISO). */
  readonly toIso: string;
  /** Actor username. */
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly complaintId?: AuditComplaintId;
  /** Resume strictly before this listing key (`<at>#<eventId>`), newest first. */
  readonly before?: string;
  readonly limit: number;
}

export interface AccessRecordPage {
  readonly records: AccessRecord[];
  /** Listing key of the last record returned, when more may follow. */
  readonly lastKey?: string;
}

/** What appending a record takes (every staff function): single conditional puts of new chain slots. */
export interface AuditChainStore {
  /** The chain's last record (highest seq), read strongly consistently; null for an empty chain. */
  chainHead(chain: ChainId): Promise<ChainHead | null>;
  /** The record with this event id in this chain, read strongly consistently; null when absent. */
  findInChain(chain: ChainId, eventId: string): Promise<AccessRecord | null>;
  /** Puts the record into its (chain, seq) slot iff the slot is free; false when another record holds it. */
  append(record: AccessRecord): Promise<boolean>;
}

/**
 * The append-only audit table. Writes are single conditional puts of new items only: a record
 * into a free chain slot, a summary into a free summary slot.
 */
export interface AuditStore extends AuditChainStore {
  /** Every item of a chain in seq order, as stored. */
  chainItems(chain: ChainId): AsyncIterable<StoredChainItem>;
  /** Entries of the day's listing index whose key is not a chain slot of that day (shards 0..MAX_SHARDS-1). */
  strayIndexEntries(day: string): AsyncIterable<StrayIndexEntry>;
  listRecords(query: AccessRecordQuery): Promise<AccessRecordPage>;
  /** Puts a summary iff absent (a rerun of the digest job converges). */
  putDaySummary(summary: ActorDaySummary): Promise<void>;
  /** Marks a day's summaries complete; written after every summary of the day. */
  markDaySummarized(day: string, actors: number): Promise<void>;
  /** The summaries of a month's days that were marked complete. */
  monthSummaries(month: string): Promise<{ completeDays: string[]; summaries: ActorDaySummary[] }>;
}

export type DigestWrite = { readonly outcome: 'written' | 'already-identical' } | { readonly outcome: 'conflict'; readonly existing: DailyDigest };

/**
 * Where daily digests go: an S3 bucket with Object Lock (compliance, 2 years) in AWS, a DATA_DIR
 * folder locally. A digest is written once and never replaced.
 */
export interface DigestStore {
  /** Writes the day's digest unless one exists; an existing one is compared, never overwritten. */
  put(digest: DailyDigest): Promise<DigestWrite>;
  get(day: string): Promise<DailyDigest | null>;
}
