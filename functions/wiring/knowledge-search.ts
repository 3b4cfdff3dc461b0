import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IndexObjectReader, IndexObjectStore, SearchEngine } from '../core/knowledge/ports.ts';
import { createKnowledgeSearch } from '../core/knowledge/search-knowledge.ts';
import type { Clock, Log } from '../core/ports/runtime.ts';
import { CachedSearchIndex } from '../adapters/knowledge/cached-search-index.ts';
import { createDynamoCaseStore, createDynamoIndexManifestStore } from '../adapters/knowledge/dynamodb-case-store.ts';
import { createDynamoGapStore } from '../adapters/knowledge/dynamodb-knowledge-extras.ts';
import { hangulBm25Engine } from '../adapters/knowledge/hangul-bm25-engine.ts';

export interface KnowledgeSearchParts {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  /** A signed S3 reader in AWS, FolderIndexObjectStore(DATA_DIR) locally: searching only reads index objects. */
  objects: IndexObjectReader;
  clock: Clock;
  log: Log;
  engine?: SearchEngine;
  /** How often a warm container looks for a newer index (0: on every search, as locally). */
  indexRefreshMs?: number;
}

/** The knowledge base also builds the index: S3IndexObjectStore in AWS. */
export type KnowledgeParts = Omit<KnowledgeSearchParts, 'objects'> & { objects: IndexObjectStore };

/** The stores and the cached index every knowledge composition shares. */
function searchIndexParts(parts: KnowledgeSearchParts) {
  const { documentClient, tableName, objects, clock, log } = parts;
  const engine = parts.engine ?? hangulBm25Engine;
  const cases = createDynamoCaseStore(documentClient, tableName);
  const manifests = createDynamoIndexManifestStore(documentClient, tableName);
  const index = new CachedSearchIndex({ manifests, objects, engine, clock, log }, parts.indexRefreshMs ?? 30_000);
  return { cases, manifests, index, engine };
}

/** Those parts plus what building the index needs. */
export function knowledgeParts(parts: KnowledgeParts) {
  const { cases, manifests, index, engine } = searchIndexParts(parts);
  return { cases, manifests, index, indexDeps: { cases, manifests, objects: parts.objects, engine, clock: parts.clock, log: parts.log } };
}

/**
 * Search, suggestions and gaps only: what the search function and the intake pipeline (for
 * `suggestedCases`) need. It leaves out the import, editing and quick responses with their
 * parsers and the CP949 table. Build it once per container: it holds the loaded index.
 */
export function buildKnowledgeSearch(parts: KnowledgeSearchParts) {
  const { index } = searchIndexParts(parts);
  return { index, ...createKnowledgeSearch({ index, gaps: createDynamoGapStore(parts.documentClient, parts.tableName), clock: parts.clock, log: parts.log }) };
}

export type KnowledgeSearch = ReturnType<typeof buildKnowledgeSearch>;
