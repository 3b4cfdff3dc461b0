import type { CaseStatus, KnowledgeCase, KnowledgeHit } from './model.ts';

/**
 * Cases in the complaint table (docs/adr/0017-knowledge-base.md): every version is its own
 * item, written once; the head (the current version, which search reads) only moves forward.
 * Every write is one conditional PutItem/UpdateItem.
 */
export interface KnowledgeCaseStore {
  getHead(caseId: string): Promise<KnowledgeCase | null>;
  /** Heads of these cases (missing ones absent), read in batches. */
  getHeads(caseIds: readonly string[]): Promise<Map<string, KnowledgeCase>>;
  getVersion(caseId: string, version: number): Promise<KnowledgeCase | null>;
  /** Oldest first. */
  listVersions(caseId: string): Promise<KnowledgeCase[]>;
  /** Conditional on the version's slot being free; false when it was taken. */
  putVersion(version: KnowledgeCase): Promise<boolean>;
  /** Makes `version` the head unless the head is already at that version or later. */
  advanceHead(version: KnowledgeCase): Promise<boolean>;
  /** Every head (strongly consistent), optionally of one status, by caseId. */
  listHeads(status?: CaseStatus): Promise<KnowledgeCase[]>;
  hasAnyCase(): Promise<boolean>;
}

/** Which serialized index search should load; rebuilt after every change to the cases. */
export interface IndexManifest {
  /** From a counter taken before the cases were read: a higher ticket saw every earlier write. */
  ticket: number;
  objectKey: string;
  engine: string;
  caseCount: number;
  sizeBytes: number;
  builtAt: string;
  /**
   * The public answers built from the same cases (docs/adr/0029-self-service-answers.md): what
   * the citizens' search may show. Absent on manifests written before it existed.
   */
  answersObjectKey?: string;
}

export interface IndexManifestStore {
  /** Atomically increments and returns the build counter. */
  takeTicket(): Promise<number>;
  get(): Promise<IndexManifest | null>;
  /**
   * Conditional on the stored ticket being lower (a slower, older build never wins). `replaced`
   * is the manifest this one took the place of, read in the same write.
   */
  put(manifest: IndexManifest): Promise<{ stored: boolean; replaced: IndexManifest | null }>;
}

/** Serialized indexes: S3 in AWS, a DATA_DIR folder locally. */
export interface IndexObjectStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  /**
   * The object is no index's current one any more: let it go (S3 tags it for the bucket's
   * lifecycle rule, which expires it a day later, so a container still reading it finishes).
   */
  markSuperseded(key: string): Promise<void>;
}

/** What a function that only searches needs of the index objects. */
export type IndexObjectReader = Pick<IndexObjectStore, 'get'>;

export interface SearchOptions {
  limit: number;
  category?: string;
}

/** A loaded index: synchronous, in memory. */
export interface SearchIndex {
  readonly caseCount: number;
  search(query: string, options: SearchOptions): KnowledgeHit[];
}

/** A search engine that builds an index from published cases and loads it back. */
export interface SearchEngine {
  readonly name: string;
  build(cases: readonly KnowledgeCase[]): Uint8Array;
  load(bytes: Uint8Array): SearchIndex;
}

/** The index search should use now (cached per container, reloaded when the manifest moves). */
export interface SearchIndexProvider {
  current(): Promise<SearchIndex>;
}
