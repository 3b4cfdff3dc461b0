import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { IndexManifest, IndexManifestStore, IndexObjectReader, SearchEngine, SearchIndex, SearchIndexProvider } from '../../core/knowledge/ports.ts';

const EMPTY: SearchIndex = { caseCount: 0, search: () => [] };

/**
 * Something a container loads from the objects the index manifest names and holds in memory
 * (create one per container, at module scope). The manifest is read at most every `refreshMs`;
 * when it names other objects, they are loaded and replace what is in memory. Concurrent callers
 * share one load. A failed load (an object missing) keeps what was loaded before.
 */
export class ManifestFollower<T> {
  private loaded: { key: string; value: T } | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<T> | null = null;

  constructor(
    private readonly deps: { manifests: IndexManifestStore; clock: Clock },
    private readonly refreshMs: number,
    private readonly empty: T,
    /** Which objects of the manifest make up the value (its cache key), and how to load them. */
    private readonly source: { key(manifest: IndexManifest): string | null; load(manifest: IndexManifest): Promise<T | null> },
  ) {}

  async current(): Promise<T> {
    if (this.loaded && this.deps.clock.now().getTime() - this.checkedAt < this.refreshMs) return this.loaded.value;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<T> {
    const manifest = await this.deps.manifests.get();
    this.checkedAt = this.deps.clock.now().getTime();
    const key = manifest ? this.source.key(manifest) : null;
    if (!manifest || key === null) return this.loaded?.value ?? this.empty;
    if (this.loaded?.key === key) return this.loaded.value;
    const value = await this.source.load(manifest);
    if (value === null) return this.loaded?.value ?? this.empty;
    this.loaded = { key, value };
    return value;
  }
}

/** The search index a container holds in memory, following the manifest (see ManifestFollower). */
export class CachedSearchIndex implements SearchIndexProvider {
  private readonly follower: ManifestFollower<SearchIndex>;

  constructor(deps: { manifests: IndexManifestStore; objects: IndexObjectReader; engine: SearchEngine; clock: Clock; log: Log }, refreshMs = 30_000) {
    this.follower = new ManifestFollower(deps, refreshMs, EMPTY, {
      key: (manifest) => manifest.objectKey,
      load: (manifest) => loadIndex(deps, manifest.objectKey),
    });
  }

  current(): Promise<SearchIndex> {
    return this.follower.current();
  }
}

/** Reads and loads one index object; null (logged) when it is missing. */
export async function loadIndex(deps: { objects: IndexObjectReader; engine: SearchEngine; log: Log }, objectKey: string): Promise<SearchIndex | null> {
  const bytes = await deps.objects.get(objectKey);
  if (!bytes) {
    deps.log.error('knowledge index object missing', { objectKey });
    return null;
  }
  const started = Date.now();
  const index = deps.engine.load(bytes);
  deps.log.info('knowledge index loaded', { objectKey, cases: index.caseCount, bytes: bytes.byteLength, ms: Date.now() - started });
  return index;
}
