import type { ComplaintDetail } from '../ports/complaint-repository.ts';
import type { Reservation } from '../reservations/model.ts';
import type { HappyCallRegistration } from '../voice/happy-call.ts';
import type { Counters } from './counters.ts';
import type { ContactFacts } from './message-contribution.ts';
import type { Bucket, EntityRef, RollupKind } from './model.ts';
import type { VoiceQueueDay } from './voice-queues.ts';

/** A change of one entity's contribution, written to its ledger before the rollup is touched. */
export interface PendingChange {
  /** The ledger revision this change produces. */
  readonly rev: number;
  readonly target: Counters;
  /** target − applied: what the rollup receives. */
  readonly delta: Counters;
  /** The change's holder; another may take it over once the lease is older than LEDGER_LEASE_MS. */
  readonly leaseAt: string;
}

/** Per entity and day: what it has added to the day's rollup (see apply-contribution.ts). */
export interface LedgerEntry {
  readonly ref: EntityRef;
  readonly rev: number;
  readonly applied: Counters;
  readonly pending?: PendingChange;
}

export interface RollupSnapshot {
  readonly counters: Counters;
  /** Incremented by every write: a repair is conditional on it. */
  readonly writes: number;
  /** In-flight tokens (`<entityId>#<rev>`) of changes added but not yet committed to their ledger. */
  readonly tokens: readonly string[];
}

/**
 * The rollups and their ledgers, in the complaint table. Every method is one conditional
 * PutItem/UpdateItem (or a read): no transactions (ADR 0002).
 */
export interface RollupStore {
  getLedger(bucket: Bucket, entityId: string): Promise<LedgerEntry | null>;
  /** Writes `pending` conditional on the ledger being at `expectedRev` with nothing pending (null: no ledger yet). */
  beginChange(bucket: Bucket, entityId: string, ref: EntityRef, expectedRev: number | null, pending: PendingChange): Promise<boolean>;
  /** Moves the lease of pending change `rev` from `seenLeaseAt` to `leaseAt`; false when another took it or it is gone. */
  takeOverChange(bucket: Bucket, entityId: string, rev: number, seenLeaseAt: string, leaseAt: string): Promise<boolean>;
  /** ADDs `delta` and records `token`, conditional on the token being absent; false when it was there (applied before). */
  addToRollup(bucket: Bucket, delta: Counters, token: string, at: string): Promise<boolean>;
  /** Makes the pending change the applied one, conditional on it still being pending under this lease. */
  commitChange(bucket: Bucket, entityId: string, pending: PendingChange): Promise<boolean>;
  /** Forgets an in-flight token once its change is committed. */
  releaseToken(bucket: Bucket, token: string): Promise<void>;

  /** The rollups of these days (absent kinds have none). */
  readRollups(days: readonly string[]): Promise<Map<string, Partial<Record<RollupKind, RollupSnapshot>>>>;
  listLedgers(bucket: Bucket): Promise<Array<{ entityId: string; ledger: LedgerEntry }>>;
  /** ADDs a repair, conditional on the rollup's write count (absent rollup: -1). */
  repairRollup(bucket: Bucket, delta: Counters, expectedWrites: number, at: string): Promise<boolean>;
  /** Backfill of a day nobody counted: ledgers (unconditional), then the rollup, conditional on it not existing. */
  writeLedgers(bucket: Bucket, entries: ReadonlyArray<{ entityId: string; ref: EntityRef; counters: Counters }>): Promise<void>;
  createRollup(bucket: Bucket, counters: Counters, at: string): Promise<boolean>;
}

/** The raw items statistics are computed from (the complaint table). */
export interface StatisticsSources {
  complaintDetail(complaintId: string): Promise<ComplaintDetail | null>;
  message(complaintId: string, messageId: string): Promise<ContactFacts | null>;
  reservation(reservationId: string): Promise<Reservation | null>;
  happyCallRegistration(registrationId: string): Promise<HappyCallRegistration | null>;
  /** Complaint ids created on a KST day (every channel). */
  complaintsCreatedOn(day: string): Promise<string[]>;
  /** Inbound messages received on a KST day. */
  contactsReceivedOn(day: string): Promise<ContactFacts[]>;
  reservationsOn(day: string): Promise<Reservation[]>;
  /** Registrations that may hold a call on the day (active ones; ledgers name the rest). */
  happyCallRegistrations(): Promise<HappyCallRegistration[]>;
}

/** Amazon Connect's queue metrics of a day, read daily in AWS; none locally. */
export interface VoiceQueueMetricsStore {
  readVoiceDays(days: readonly string[]): Promise<Map<string, VoiceQueueDay>>;
  writeVoiceDay(day: VoiceQueueDay): Promise<void>;
}
