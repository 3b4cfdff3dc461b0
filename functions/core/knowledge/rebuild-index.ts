import type { Clock } from '../ports/runtime.ts';
import type { IndexManifest, IndexManifestStore, IndexObjectStore, KnowledgeCaseStore, SearchEngine } from './ports.ts';

export interface RebuildIndexDeps {
  cases: KnowledgeCaseStore;
  manifests: IndexManifestStore;
  objects: IndexObjectStore;
  engine: SearchEngine;
  clock: Clock;
}

/**
 * Builds the search index from every published head and points the manifest at it. The
 * ticket is taken before the cases are read, so a build with a higher ticket has seen every
 * write that finished before a lower one was taken; the manifest only moves to higher
 * tickets, so of two concurrent builds the one that may have missed a write never wins.
 */
export async function rebuildSearchIndex(deps: RebuildIndexDeps): Promise<IndexManifest> {
  const ticket = await deps.manifests.takeTicket();
  const published = await deps.cases.listHeads('published');
  const bytes = deps.engine.build(published);
  const objectKey = `knowledge-index/${String(ticket).padStart(10, '0')}-${deps.engine.name}.json.gz`;
  await deps.objects.put(objectKey, bytes);
  const manifest: IndexManifest = { ticket, objectKey, engine: deps.engine.name, caseCount: published.length, sizeBytes: bytes.byteLength, builtAt: deps.clock.now().toISOString() };
  if (await deps.manifests.put(manifest)) return manifest;
  return (await deps.manifests.get()) ?? manifest;
}
