import { gunzipSync, gzipSync } from 'node:zlib';
import { answerWithFields } from '../../core/knowledge/case-content.ts';
import { CHOSEONG_NS, JAMO_NS, choseongTerms, coverage, jamoTerms, planQuery, textTerms, wordTerms } from '../../core/knowledge/hangul-terms.ts';
import type { KnowledgeCase, KnowledgeHit } from '../../core/knowledge/model.ts';
import type { SearchEngine, SearchIndex, SearchOptions } from '../../core/knowledge/ports.ts';
import { OneEditLookup } from './jamo-fuzzy.ts';

/*
 * The embedded search engine (docs/adr/0017-knowledge-base.md): an inverted index over the
 * Hangul terms of core/knowledge/hangul-terms.ts, scored with BM25 over field-weighted term
 * frequencies, held in typed arrays. A query touches only the postings of its own terms and
 * adds into one score array, so a 13,000-case corpus answers in well under a millisecond of
 * CPU; MiniSearch, tried first, materialised every matching document per term and was slower
 * than a linear scan at that size (see the ADR). Serialized as one gzipped binary: a JSON
 * header (cases, terms) followed by the posting arrays, so loading is a parse and a few views.
 */

const FORMAT = 'hangul-bm25-v1';
const FIELD_WEIGHTS = { title: 3, keywords: 2.5, question: 1.5, meta: 1, body: 0.7, translated: 0.6 } as const;
const CHOSEONG_WEIGHT = 2;
const JAMO_WEIGHT = 0.6;
/** A term one jamo away counts this much of an exact match. */
const FUZZY_WEIGHT = 0.45;
const K1 = 1.2;
const B = 0.75;
/** Weighted term frequencies are stored as fixed point (tenths) in a byte. */
const TF_SCALE = 10;
const SNIPPET_CHARS = 140;

interface StoredCase {
  id: string;
  title: string;
  category: string;
  snippet: string;
}

interface Header {
  format: typeof FORMAT;
  cases: StoredCase[];
  terms: string[];
  postings: number;
  gapBytes: number;
  avgLength: number;
}

function snippetOf(answer: string): string {
  const flat = answer.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1)}…`;
}

/** Every term of a case with its field-weighted frequency. */
function weightedTerms(c: KnowledgeCase): Map<string, number> {
  const out = new Map<string, number>();
  const add = (terms: readonly string[], weight: number, namespace = '') => {
    for (const term of terms) {
      const key = namespace === '' ? term : namespace + term;
      out.set(key, (out.get(key) ?? 0) + weight);
    }
  };
  const titleAndKeywords = `${c.title} ${c.keywords.join(' ')}`;
  add(textTerms(c.title), FIELD_WEIGHTS.title);
  add(textTerms(c.keywords.join(' ')), FIELD_WEIGHTS.keywords);
  add(textTerms(c.question), FIELD_WEIGHTS.question);
  add(textTerms([c.category, c.subCategory, c.agency].filter(Boolean).join(' ')), FIELD_WEIGHTS.meta);
  add(wordTerms(answerWithFields(c)), FIELD_WEIGHTS.body);
  add(textTerms(Object.values(c.translations).map((t) => t?.title ?? '').join('\n')), FIELD_WEIGHTS.translated);
  add(choseongTerms(titleAndKeywords), CHOSEONG_WEIGHT, CHOSEONG_NS);
  add(jamoTerms(titleAndKeywords), JAMO_WEIGHT, JAMO_NS);
  return out;
}

function build(cases: readonly KnowledgeCase[]): Uint8Array {
  const byTerm = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float32Array(cases.length);
  cases.forEach((c, doc) => {
    let length = 0;
    for (const [term, tf] of weightedTerms(c)) {
      let posting = byTerm.get(term);
      if (!posting) byTerm.set(term, (posting = { docs: [], tfs: [] }));
      posting.docs.push(doc);
      posting.tfs.push(Math.min(255, Math.round(tf * TF_SCALE)));
      if (!term.startsWith(CHOSEONG_NS) && !term.startsWith(JAMO_NS)) length += tf;
    }
    lengths[doc] = length;
  });
  const terms = [...byTerm.keys()];
  const total = terms.reduce((sum, t) => sum + byTerm.get(t)!.docs.length, 0);
  const offsets = new Uint32Array(terms.length + 1);
  const tfs = new Uint8Array(total);
  // Doc ids ascend within a posting list: stored as varint gaps, about a byte each.
  const gaps = new Uint8Array(total * 5);
  let at = 0;
  let bytes = 0;
  terms.forEach((term, i) => {
    const posting = byTerm.get(term)!;
    offsets[i] = at;
    tfs.set(posting.tfs, at);
    let previous = 0;
    for (const doc of posting.docs) {
      let gap = doc - previous;
      previous = doc;
      while (gap >= 0x80) {
        gaps[bytes++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      gaps[bytes++] = gap;
    }
    at += posting.docs.length;
  });
  offsets[terms.length] = at;
  const header: Header = {
    format: FORMAT,
    cases: cases.map((c) => ({ id: c.caseId, title: c.title, category: c.category, snippet: snippetOf(c.answer) })),
    terms,
    postings: total,
    gapBytes: bytes,
    avgLength: cases.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / cases.length,
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  // The typed arrays that follow need 4-byte alignment: pad the header with spaces (still valid JSON).
  if (json.length % 4 !== 0) json = Buffer.concat([json, Buffer.alloc(4 - (json.length % 4), 0x20)]);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(json.length);
  return gzipSync(Buffer.concat([prefix, json, bytesOf(lengths), bytesOf(offsets), bytesOf(tfs), bytesOf(gaps.subarray(0, bytes))]), { level: 6 });
}

const bytesOf = (array: ArrayBufferView): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

class Bm25Index implements SearchIndex {
  private readonly termIds: Map<string, number>;
  private readonly fuzzy: OneEditLookup;
  private readonly scores: Float64Array;

  constructor(
    private readonly header: Header,
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    private readonly tfs: Uint8Array,
    private readonly lengths: Float32Array,
  ) {
    this.termIds = new Map(header.terms.map((t, i) => [t, i]));
    this.fuzzy = new OneEditLookup(header.terms.filter((t) => t.startsWith(JAMO_NS)));
    this.scores = new Float64Array(header.cases.length);
  }

  get caseCount(): number {
    return this.header.cases.length;
  }

  private postingRange(term: string): [number, number] | null {
    const id = this.termIds.get(term);
    return id === undefined ? null : [this.offsets[id]!, this.offsets[id + 1]!];
  }

  /** Binary search: does the posting list of `term` hold `doc` (postings are in doc order)? */
  private has(term: string, doc: number): boolean {
    const range = this.postingRange(term);
    if (!range) return false;
    let [lo, hi] = range;
    hi -= 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docs[mid]!;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private accumulate(term: string, weight: number, touched: number[]): void {
    const range = this.postingRange(term);
    if (!range) return;
    const n = this.header.cases.length;
    const df = range[1] - range[0];
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const avg = this.header.avgLength || 1;
    for (let p = range[0]; p < range[1]; p += 1) {
      const doc = this.docs[p]!;
      const tf = this.tfs[p]! / TF_SCALE;
      const norm = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[doc]!) / avg));
      if (this.scores[doc] === 0) touched.push(doc);
      this.scores[doc] = this.scores[doc]! + weight * idf * norm;
    }
  }

  search(text: string, options: SearchOptions): KnowledgeHit[] {
    const plan = planQuery(text);
    if (!plan) return [];
    const touched: number[] = [];
    try {
      for (const term of plan.terms.keys()) this.accumulate(term, 1, touched);
      const nearByWord = new Map<number, string[]>();
      for (const [jamo, word] of plan.fuzzy) {
        const near = [jamo, ...this.fuzzy.near(jamo)];
        nearByWord.set(word, near);
        near.forEach((t, i) => this.accumulate(t, i === 0 ? 1 : (FUZZY_WEIGHT * t.length) / (t.length + 1), touched));
      }
      const candidates = this.top(touched, Math.max(options.limit * 4, 20), options.category);
      const ranked = candidates
        .map((doc) => {
          const covered = coverage(
            plan,
            (term) => this.has(term, doc),
            (word) => (nearByWord.get(word) ?? []).some((t) => this.has(t, doc)),
          );
          return { doc, covered, rank: this.scores[doc]! * (0.4 + covered) };
        })
        .sort((a, b) => b.rank - a.rank)
        .slice(0, options.limit);
      const best = ranked[0];
      if (!best) return [];
      return ranked.map(({ doc, rank }) => {
        const c = this.header.cases[doc]!;
        return { caseId: c.id, title: c.title, category: c.category, score: Math.round(best.covered * (rank / best.rank) * 1000) / 1000, snippet: c.snippet };
      });
    } finally {
      for (const doc of touched) this.scores[doc] = 0;
    }
  }

  /** The `count` best-scoring touched documents (of the category, when given). */
  private top(touched: readonly number[], count: number, category?: string): number[] {
    const best: number[] = [];
    for (const doc of touched) {
      if (category !== undefined && this.header.cases[doc]!.category !== category) continue;
      const score = this.scores[doc]!;
      if (best.length === count && score <= this.scores[best[count - 1]!]!) continue;
      let i = best.length < count ? best.length : count - 1;
      while (i > 0 && this.scores[best[i - 1]!]! < score) {
        best[i] = best[i - 1]!;
        i -= 1;
      }
      best[i] = doc;
    }
    return best;
  }
}

function load(bytes: Uint8Array): SearchIndex {
  const raw = gunzipSync(bytes);
  const buffer = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(Buffer.from(buffer, 4, headerLength).toString('utf8')) as Header;
  if (header.format !== FORMAT) throw new Error(`index format ${String(header.format)} is not ${FORMAT}`);
  let at = 4 + headerLength;
  const lengths = new Float32Array(buffer, at, header.cases.length);
  at += lengths.byteLength;
  const offsets = new Uint32Array(buffer, at, header.terms.length + 1);
  at += offsets.byteLength;
  const tfs = new Uint8Array(buffer, at, header.postings);
  at += tfs.byteLength;
  const gaps = new Uint8Array(buffer, at, header.gapBytes);
  const docs = new Uint32Array(header.postings);
  let read = 0;
  for (let term = 0; term < header.terms.length; term += 1) {
    let doc = 0;
    for (let p = offsets[term]!; p < offsets[term + 1]!; p += 1) {
      let gap = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = gaps[read++]!;
        gap |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      doc += gap;
      docs[p] = doc;
    }
  }
  return new Bm25Index(header, offsets, docs, tfs, lengths);
}

export const hangulBm25Engine: SearchEngine = { name: FORMAT, build, load };
