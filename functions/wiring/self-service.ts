import { cachedPublicKnowledge } from '../adapters/self-service/cached-public-knowledge.ts';
import { createDynamoAddressRateLimiter, createDynamoSelfServiceStats } from '../adapters/self-service/dynamodb-self-service-stats.ts';
import { createDynamoIndexManifestStore } from '../adapters/knowledge/dynamodb-case-store.ts';
import { hangulBm25Engine } from '../adapters/knowledge/hangul-bm25-engine.ts';
import { createSelfService, type SelfServicePolicy } from '../core/self-service/self-service.ts';
import type { KnowledgeSearchParts } from './knowledge-search.ts';

/** The knowledge parts the public answers stand on: they only read index objects. */
export type PublicAnswersParts = KnowledgeSearchParts;

/** The index and public answers the manifest names, cached per container (no case store: the public function never reads cases). */
export function buildPublicAnswers(parts: PublicAnswersParts) {
  const manifests = createDynamoIndexManifestStore(parts.documentClient, parts.tableName);
  return cachedPublicKnowledge({ manifests, objects: parts.objects, engine: parts.engine ?? hangulBm25Engine, clock: parts.clock, log: parts.log }, parts.indexRefreshMs ?? 30_000);
}

/**
 * The public self-service answers: the same in Lambda and in the local gateway. Build it once per
 * container (it holds the loaded index and answers).
 */
export function buildSelfService(parts: PublicAnswersParts & { hashAddress(address: string): string; policy?: Partial<SelfServicePolicy> }) {
  return createSelfService({
    knowledge: buildPublicAnswers(parts),
    stats: createDynamoSelfServiceStats(parts.documentClient, parts.tableName),
    limiter: createDynamoAddressRateLimiter(parts.documentClient, parts.tableName),
    hashAddress: parts.hashAddress,
    clock: parts.clock,
    log: parts.log,
    ...(parts.policy ? { policy: parts.policy } : {}),
  });
}


export { buildSelfServiceStats } from './self-service-stats.ts';
