import type { Clock, Log } from '../ports/runtime.ts';
import { indexObjectKey } from './index-objects.ts';
import type { IndexManifest, IndexManifestStore, IndexObjectStore, KnowledgeCaseStore, SearchEngine } from './ports.ts';

export interface RebuildIndexDeps {
  cases: KnowledgeCaseStore;
  manifests: IndexManifestStore;
  objects: IndexObjectStore;
  engine: SearchEngine;
  clock: Clock;
  log?: Log;
}

/**
 * Builds the search index from every published head and points the manifest at it. The
 * ticket is taken before the cases are read, so a build with a higher ticket has seen every
 * write that finished before a lower one was taken; the manifest only moves to higher
 * tickets, so of two concurrent builds the one that may have missed a write never wins.
 * The object the manifest no longer names (the replaced one, or this build's own when it lost)
 * is marked superseded, so the bucket keeps only the current index for long.
 */
export async function rebuildSearchIndex(deps: RebuildIndexDeps): Promise<IndexManifest> {
  const ticket = await deps.manifests.takeTicket();
  const published = await deps.cases.listHeads('published');
  const bytes = deps.engine.build(published);
  const objectKey = indexObjectKey(ticket, deps.engine.name);
  await deps.objects.put(objectKey, bytes);
  const manifest: IndexManifest = { ticket, objectKey, engine: deps.engine.name, caseCount: published.length, sizeBytes: bytes.byteLength, builtAt: deps.clock.now().toISOString() };
  const { stored, replaced } = await deps.manifests.put(manifest);
  if (stored) {
    if (replaced && replaced.objectKey !== objectKey) await markSuperseded(deps, replaced.objectKey);
    return manifest;
  }
  await markSuperseded(deps, objectKey);
  return (await deps.manifests.get()) ?? manifest;
}

/** Housekeeping after the manifest moved: a failure leaves an object behind, never fails the change. */
async function markSuperseded(deps: RebuildIndexDeps, objectKey: string): Promise<void> {
  try {
    await deps.objects.markSuperseded(objectKey);
  } catch (error) {
    deps.log?.warn('superseded knowledge index not marked; it stays in the bucket', { objectKey, errorName: (error as Error).name });
  }
}
