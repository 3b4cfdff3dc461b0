import { genesisHash, recordHash, type ChainHead, type ChainId } from './chain.ts';
import { AuditChainContentionError } from './errors.ts';
import type { AccessRecord } from './model.ts';
import type { AuditChainStore } from './ports.ts';

/** A record before it is linked into its chain. */
export type UnlinkedRecord = Omit<AccessRecord, 'day' | 'shard' | 'seq' | 'prevHash' | 'prevEventId' | 'hash'>;

/** Each lost round means another writer took the slot; 20 writers on one chain settle well within this. */
const MAX_ATTEMPTS = 100;
/** Store errors (timeouts) tolerated per call: a write whose answer was lost is found on the next round. */
const MAX_STORE_ERRORS = 3;
/** Upper bound of the random pause after a lost slot, doubling per loss from 2 ms: contenders spread out instead of colliding again. */
const MAX_BACKOFF_MS = 64;

const keyOf = (chain: ChainId) => `${chain.day}#${chain.shard}`;

/** The record that takes the slot after `head` (or opens the chain). */
function link(draft: UnlinkedRecord, chain: ChainId, head: ChainHead | null): AccessRecord {
  const unsealed = {
    ...draft,
    day: chain.day,
    shard: chain.shard,
    seq: head ? head.seq + 1 : 1,
    prevHash: head ? head.hash : genesisHash(chain),
    ...(head ? { prevEventId: head.eventId } : {}),
  };
  return { ...unsealed, hash: recordHash(unsealed) };
}

function pause(losses: number): Promise<void> {
  const ms = Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** losses);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Appends records to hash chains with single conditional writes (ADR 0018), one writer's way:
 * its appends to one chain go one after another (they would only collide with each other), and
 * each links to the head this writer last saw of the chain, the record it wrote itself if nobody
 * wrote since, so an uncontended append costs one event check and one put instead of a head read
 * as well. A stale head costs one lost slot, then the head is read again.
 *
 * Why the cached head keeps the ADR's argument: a round must link to a head *observed before* its
 * event check, so that any slot an earlier attempt of the same event took is either seen by the
 * check or makes this round's put fail; a head observed on an earlier call was observed before
 * this call's check, and chains have no gaps, so the argument holds for it as for a fresh read.
 * A writer is one container (Lambda) or one process (the local gateway); use one per process.
 */
export class ChainAppender {
  readonly #heads = new Map<string, ChainHead>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: AuditChainStore) {}

  append(chain: ChainId, draft: UnlinkedRecord): Promise<AccessRecord> {
    const key = keyOf(chain);
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const appended = previous.catch(() => undefined).then(() => this.#appendNow(chain, key, draft));
    this.#queues.set(key, appended);
    void appended
      .catch(() => undefined)
      .then(() => {
        if (this.#queues.get(key) === appended) this.#queues.delete(key);
      });
    return appended;
  }

  /** Keeps the heads of the current day's chains only (a day has at most 64). */
  #remember(chain: ChainId, key: string, head: ChainHead): void {
    for (const known of this.#heads.keys()) if (!known.startsWith(`${chain.day}#`)) this.#heads.delete(known);
    this.#heads.set(key, head);
  }

  async #appendNow(chain: ChainId, key: string, draft: UnlinkedRecord): Promise<AccessRecord> {
    let head = this.#heads.has(key) ? (this.#heads.get(key) ?? null) : await this.store.chainHead(chain);
    let storeErrors = 0;
    let losses = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const existing = await this.store.findInChain(chain, draft.eventId);
      if (existing) return existing;
      const record = link(draft, chain, head);
      try {
        if (await this.store.append(record)) {
          this.#remember(chain, key, { seq: record.seq, hash: record.hash, eventId: record.eventId });
          return record;
        }
        losses += 1;
        await pause(losses);
      } catch (error) {
        storeErrors += 1;
        if (storeErrors > MAX_STORE_ERRORS) throw error;
      }
      head = await this.store.chainHead(chain);
    }
    this.#heads.delete(key);
    throw new AuditChainContentionError(`chain ${key}: no free slot after ${MAX_ATTEMPTS} attempts`);
  }
}
