import type { Clock, Log } from '../ports/runtime.ts';
import { encodePublicAnswers } from '../self-service/public-answers.ts';
import { indexObjectKey, publicAnswersObjectKey } from './index-objects.ts';
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
 * The public answers (question and answer of the same published cases, for the citizens'
 * search) are written beside the index and named by the same manifest, so the two always agree.
 * The objects the manifest no longer names (the replaced ones, or this build's own when it lost)
 * are marked superseded, so the bucket keeps only the current ones for long.
 */
export async function rebuildSearchIndex(deps: RebuildIndexDeps): Promise<IndexManifest> {
  const ticket = await deps.manifests.takeTicket();
  const published = await deps.cases.listHeads('published');
  const bytes = deps.engine.build(published);
  const objectKey = indexObjectKey(ticket, deps.engine.name);
  const answersObjectKey = publicAnswersObjectKey(ticket);
  await deps.objects.put(objectKey, bytes);
  await deps.objects.put(answersObjectKey, encodePublicAnswers(published));
  const manifest: IndexManifest = {
    ticket,
    objectKey,
    engine: deps.engine.name,
    caseCount: published.length,
    sizeBytes: bytes.byteLength,
    builtAt: deps.clock.now().toISOString(),
    answersObjectKey,
  };
  const { stored, replaced } = await deps.manifests.put(manifest);
  if (stored) {
    if (replaced) for (const key of objectsOf(replaced)) if (key !== objectKey && key !== answersObjectKey) await markSuperseded(deps, key);
    return manifest;
  }
  for (const key of objectsOf(manifest)) await markSuperseded(deps, key);
  return (await deps.manifests.get()) ?? manifest;
}

function objectsOf(manifest: IndexManifest): string[] {
  return manifest.answersObjectKey ? [manifest.objectKey, manifest.answersObjectKey] : [manifest.objectKey];
}

/** Housekeeping after the manifest moved: a failure leaves an object behind, never fails the change. */
async function markSuperseded(deps: RebuildIndexDeps, objectKey: string): Promise<void> {
  try {
    await deps.objects.markSuperseded(objectKey);
  } catch (error) {
    deps.log?.warn('superseded knowledge index not marked; it stays in the bucket', { objectKey, errorName: (error as Error).name });
  }
}
