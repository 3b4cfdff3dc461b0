import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCaseEditing } from '../core/knowledge/edit-case.ts';
import { createKnowledgeFeedback } from '../core/knowledge/feedback.ts';
import { createImportKnowledge } from '../core/knowledge/import-knowledge.ts';
import type { IndexObjectStore, SearchEngine } from '../core/knowledge/ports.ts';
import { createQuickResponses } from '../core/knowledge/quick-responses.ts';
import { rebuildSearchIndex } from '../core/knowledge/rebuild-index.ts';
import { createKnowledgeSearch } from '../core/knowledge/search-knowledge.ts';
import { seedKnowledgeIfEmpty, type StarterSet } from '../core/knowledge/seed.ts';
import type { ComplaintRepository } from '../core/ports/complaint-repository.ts';
import type { Clock, Log } from '../core/ports/runtime.ts';
import { CachedSearchIndex } from '../adapters/knowledge/cached-search-index.ts';
import { createDynamoCaseStore, createDynamoIndexManifestStore } from '../adapters/knowledge/dynamodb-case-store.ts';
import { createDynamoFeedbackStore, createDynamoGapStore, createDynamoQuickResponseStore } from '../adapters/knowledge/dynamodb-knowledge-extras.ts';
import { hangulBm25Engine } from '../adapters/knowledge/hangul-bm25-engine.ts';

export interface KnowledgeParts {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  /** S3IndexObjectStore in AWS, FolderIndexObjectStore(DATA_DIR) locally. */
  objects: IndexObjectStore;
  complaints: Pick<ComplaintRepository, 'getComplaintDetail'>;
  clock: Clock;
  log: Log;
  engine?: SearchEngine;
  /** How often a warm container looks for a newer index (0: on every search, as locally). */
  indexRefreshMs?: number;
}

/**
 * Composition of the knowledge base on the complaint table: the same use cases in Lambda and
 * in the local gateway. Build it once per container (the search index it holds is the cache).
 */
export function buildKnowledgeBase(parts: KnowledgeParts) {
  const { documentClient, tableName, objects, clock, log } = parts;
  const engine = parts.engine ?? hangulBm25Engine;
  const cases = createDynamoCaseStore(documentClient, tableName);
  const manifests = createDynamoIndexManifestStore(documentClient, tableName);
  const quickResponses = createDynamoQuickResponseStore(documentClient, tableName);
  const index = new CachedSearchIndex({ manifests, objects, engine, clock, log }, parts.indexRefreshMs ?? 30_000);
  const indexDeps = { cases, manifests, objects, engine, clock };
  const importKnowledge = createImportKnowledge({ ...indexDeps, log });
  return {
    stores: { cases, manifests, quickResponses },
    index,
    importKnowledge,
    rebuildIndex: () => rebuildSearchIndex(indexDeps),
    ...createKnowledgeSearch({ index, gaps: createDynamoGapStore(documentClient, tableName), clock, log }),
    ...createCaseEditing(indexDeps),
    ...createKnowledgeFeedback({ cases, feedback: createDynamoFeedbackStore(documentClient, tableName), complaints: parts.complaints, clock }),
    ...createQuickResponses({ store: quickResponses, clock }),
    seedKnowledgeIfEmpty: (readStarterSet: () => Promise<StarterSet>, options?: { force?: boolean }) =>
      seedKnowledgeIfEmpty({ cases, quickResponses, importKnowledge, clock }, readStarterSet, options),
  };
}

export type KnowledgeBase = ReturnType<typeof buildKnowledgeBase>;
