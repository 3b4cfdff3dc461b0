import type { IndexManifestStore, IndexObjectReader, SearchEngine } from '../../core/knowledge/ports.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { PublicKnowledge, PublicKnowledgeProvider } from '../../core/self-service/ports.ts';
import { decodePublicAnswers } from '../../core/self-service/public-answers.ts';
import { loadIndex, ManifestFollower } from '../knowledge/cached-search-index.ts';

const EMPTY: PublicKnowledge = { index: { caseCount: 0, search: () => [] }, answers: new Map() };

/**
 * The index and the public answers of one manifest, held together per container. A manifest
 * without public answers (written before they existed) shows nothing publicly: the index alone
 * would name cases the public object does not vouch for.
 */
export function cachedPublicKnowledge(
  deps: { manifests: IndexManifestStore; objects: IndexObjectReader; engine: SearchEngine; clock: Clock; log: Log },
  refreshMs = 30_000,
): PublicKnowledgeProvider {
  return new ManifestFollower<PublicKnowledge>(deps, refreshMs, EMPTY, {
    key: (manifest) => manifest.answersObjectKey ?? null,
    async load(manifest) {
      const answersKey = manifest.answersObjectKey!;
      const [index, answerBytes] = await Promise.all([loadIndex(deps, manifest.objectKey), deps.objects.get(answersKey)]);
      if (!answerBytes) deps.log.error('public answers object missing', { objectKey: answersKey });
      if (!index || !answerBytes) return null;
      return { index, answers: decodePublicAnswers(answerBytes) };
    },
  });
}
