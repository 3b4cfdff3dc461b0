import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { IndexManifestStore, IndexObjectStore, SearchEngine, SearchIndex, SearchIndexProvider } from '../../core/knowledge/ports.ts';

const EMPTY: SearchIndex = { caseCount: 0, search: () => [] };

/**
 * The search index a container holds in memory (create one per container, at module scope).
 * The manifest is read at most every `refreshMs`; when it names another object, that object is
 * loaded and replaces the one in memory. Concurrent callers share one load.
 */
export class CachedSearchIndex implements SearchIndexProvider {
  private loaded: { objectKey: string; index: SearchIndex } | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<SearchIndex> | null = null;

  constructor(
    private readonly deps: { manifests: IndexManifestStore; objects: IndexObjectStore; engine: SearchEngine; clock: Clock; log: Log },
    private readonly refreshMs = 30_000,
  ) {}

  async current(): Promise<SearchIndex> {
    if (this.loaded && this.deps.clock.now().getTime() - this.checkedAt < this.refreshMs) return this.loaded.index;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<SearchIndex> {
    const manifest = await this.deps.manifests.get();
    this.checkedAt = this.deps.clock.now().getTime();
    if (!manifest) return this.loaded?.index ?? EMPTY;
    if (this.loaded?.objectKey === manifest.objectKey) return this.loaded.index;
    const bytes = await this.deps.objects.get(manifest.objectKey);
    if (!bytes) {
      this.deps.log.error('knowledge index object missing', { objectKey: manifest.objectKey });
      return this.loaded?.index ?? EMPTY;
    }
    const started = Date.now();
    const index = this.deps.engine.load(bytes);
    this.deps.log.info('knowledge index loaded', { objectKey: manifest.objectKey, cases: index.caseCount, bytes: bytes.byteLength, ms: Date.now() - started });
    this.loaded = { objectKey: manifest.objectKey, index };
    return index;
  }
}
