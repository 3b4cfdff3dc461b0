import { genesisHash, recordHash, RECORD_FIELDS, type ChainHead, type ChainId } from './chain.ts';
import type { ShardSeal } from './digest-model.ts';
import type { AccessRecord } from './model.ts';
import type { StoredChainItem } from './ports.ts';
import { parseAccessRecord } from './record-schema.ts';

export type FindingProblem =
  /** Fields changed after the record was written (its hash no longer matches). */
  | 'altered'
  /** Changed and re-hashed: the successor (or the digest) vouches for a different hash. */
  | 'rehashed'
  /** Deleted: a sequence number the chain (or the digest) says existed is absent. */
  | 'missing'
  /** Present in the store but not in the day's digest: written after sealing, or inserted. */
  | 'not-sealed'
  /** Its day, shard or seq fields do not match the slot it sits in (copied or moved). */
  | 'misplaced'
  /** Not a record at all (missing or ill-typed fields). */
  | 'malformed'
  /** Index keys that do not match its fields, or attributes a record never has. */
  | 'layout'
  /** Listed in the day's index but in no chain: inserted beside the chains. */
  | 'outside-chain'
  /** The same event id twice in the day. */
  | 'duplicate';

export interface VerifyFinding {
  readonly shard?: number;
  readonly seq?: number;
  /** Last seq of a missing range (equals `seq` for one record). */
  readonly seqTo?: number;
  readonly eventId?: string;
  readonly problem: FindingProblem;
  readonly detail: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Walks one chain in seq order and names exactly the records that are wrong. Each record is
 * checked against its own hash (a changed field), its slot (moved), its predecessor's stored hash
 * (changed and re-hashed) and, when the day was sealed, the digest (deleted at the end, appended
 * later). A record that fails its own hash keeps its stored hash as the link, so one altered record
 * is one finding, not two.
 */
export class ChainWalk {
  readonly findings: VerifyFinding[] = [];
  count = 0;
  head: ChainHead | null = null;
  #expectedSeq = 1;
  #prevHash: string;
  #prevEventId: string | undefined;

  constructor(
    readonly chain: ChainId,
    private readonly seal: ShardSeal | undefined,
  ) {
    this.#prevHash = genesisHash(chain);
  }

  #find(finding: Omit<VerifyFinding, 'shard'>): void {
    this.findings.push({ shard: this.chain.shard, ...finding });
  }

  /** Checks the next item; returns it as a record when its fields make one (for summaries). */
  accept(item: StoredChainItem): AccessRecord | null {
    const { seq, fields } = item;
    const eventId = text(fields.eventId);
    const named = { seq, ...(eventId ? { eventId } : {}) };
    const gap = seq > this.#expectedSeq;
    if (gap) {
      const last = seq - 1;
      const successorNames = text(fields.prevEventId);
      this.#find({
        seq: this.#expectedSeq,
        seqTo: last,
        ...(successorNames ? { eventId: successorNames } : {}),
        problem: 'missing',
        detail:
          last === this.#expectedSeq
            ? `record seq ${last} was deleted; seq ${seq} names it as its predecessor`
            : `records seq ${this.#expectedSeq}..${last} were deleted; seq ${seq} names ${successorNames ?? 'no'} predecessor`,
      });
    }

    const unknown = Object.keys(fields).filter((name) => !RECORD_FIELDS.includes(name));
    const layout = [...item.layoutProblems, ...(unknown.length > 0 ? [`attributes a record never has: ${unknown.sort().join(', ')}`] : [])];
    const storedHash = text(fields.hash);
    const recomputed = recordHash(fields);
    const altered = storedHash !== recomputed;
    // A changed field also moves what its index keys should be: one finding for the record, with both.
    if (altered) this.#find({ ...named, problem: 'altered', detail: ['its fields no longer match its hash: changed after it was written', ...layout].join('; ') });
    else if (layout.length > 0) this.#find({ ...named, problem: 'layout', detail: layout.join('; ') });
    if (!altered && (fields.day !== this.chain.day || fields.shard !== this.chain.shard || fields.seq !== seq)) {
      this.#find({ ...named, problem: 'misplaced', detail: `its fields name day ${String(fields.day)} shard ${String(fields.shard)} seq ${String(fields.seq)}: copied or moved into this slot` });
    }

    if (!gap && (fields.prevHash !== this.#prevHash || text(fields.prevEventId) !== this.#prevEventId)) {
      if (seq === 1) {
        this.#find({ ...named, problem: 'rehashed', detail: 'seq 1 does not open the chain (its predecessor hash is not the chain genesis)' });
      } else if (!altered) {
        const prev = this.head;
        this.#find({
          seq: seq - 1,
          ...(prev ? { eventId: prev.eventId } : {}),
          problem: 'rehashed',
          detail: `seq ${seq} vouches for a different predecessor: seq ${seq - 1} was changed and re-hashed (or seq ${seq}'s link was)`,
        });
      }
    }

    if (this.seal) {
      if (seq > this.seal.headSeq) {
        this.#find({ ...named, problem: 'not-sealed', detail: `the day's digest sealed this chain at seq ${this.seal.headSeq}: written after sealing, or inserted` });
      } else if (seq === this.seal.headSeq && storedHash !== this.seal.headHash && !altered) {
        this.#find({ ...named, problem: 'rehashed', detail: "differs from the head the day's digest sealed: changed and re-hashed" });
      }
    }

    const linkHash = storedHash ?? recomputed;
    this.#prevHash = linkHash;
    this.#prevEventId = eventId;
    this.#expectedSeq = seq + 1;
    this.count += 1;
    this.head = { seq, hash: linkHash, eventId: eventId ?? '' };

    const record = parseAccessRecord(fields);
    if (!record && !altered) this.#find({ ...named, problem: 'malformed', detail: 'its fields do not make an access record' });
    return record;
  }

  /** After the last item: records the digest sealed beyond the end of what is left. */
  finish(): void {
    const seal = this.seal;
    if (!seal) return;
    const lastSeen = this.head?.seq ?? 0;
    if (lastSeen < seal.headSeq) {
      const first = lastSeen + 1;
      const one = first === seal.headSeq;
      this.#find({
        seq: first,
        seqTo: seal.headSeq,
        ...(one ? { eventId: seal.headEventId } : {}),
        problem: 'missing',
        detail: one
          ? `record seq ${first} was deleted; the day's digest sealed it as the chain's head`
          : `records seq ${first}..${seal.headSeq} were deleted; the digest sealed ${seal.headEventId} as seq ${seal.headSeq}`,
      });
    }
  }
}
