import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessRecorder } from '../functions/core/audit/deps.ts';
import { createDynamoComplaintSuggestionStore } from '../functions/adapters/knowledge/dynamodb-complaint-suggestions.ts';
import { FolderIndexObjectStore } from '../functions/adapters/knowledge/index-object-stores.ts';
import { readStarterSet } from '../functions/adapters/knowledge/starter-set.ts';
import type { ComplaintSuggestionDeps } from '../functions/core/knowledge/complaint-suggestions.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { KNOWLEDGE_API_ROUTES, KNOWLEDGE_SEARCH_ROUTES } from '../functions/core/staff/staff-routes.ts';
import { createKnowledgeApiHandler } from '../functions/handlers/knowledge-api.ts';
import { createKnowledgeSearchHandler } from '../functions/handlers/knowledge-search.ts';
import { buildKnowledgeBase, buildKnowledgeSearch, type KnowledgeBase, type KnowledgeParts, type KnowledgeSearch } from '../functions/wiring/knowledge.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

/** What `KNOWLEDGE_SEED` loads on start: the starter set into an empty store, or nothing (tests opt out). */
export type KnowledgeSeed = 'none' | 'starter';

/** The knowledge base as the Lambdas compose it, on this process's table and DATA_DIR. */
export interface LocalKnowledge {
  /** The knowledge API function's composition (every use case). */
  base: KnowledgeBase;
  /** The search function's composition, which the intake pipeline shares for suggestions. */
  search: KnowledgeSearch;
  /** For the intake pipeline: `suggestedCases` on new complaints. */
  suggestions: Pick<ComplaintSuggestionDeps, 'suggest' | 'store'>;
  log: Log;
}

/**
 * Builds the knowledge base with the index under DATA_DIR/knowledge-index/ (checked on every
 * search: edits show at once) and, with `seed: 'starter'`, loads the starter set into an empty
 * store; a store holding any case is left alone.
 */
export async function createLocalKnowledge(parts: {
  documents: DynamoDBDocumentClient;
  tableName: string;
  dataDir: string;
  complaints: ComplaintRepository;
  clock: Clock;
  log: Log;
  seed: KnowledgeSeed;
}): Promise<LocalKnowledge> {
  const knowledgeParts: KnowledgeParts = {
    documentClient: parts.documents,
    tableName: parts.tableName,
    objects: new FolderIndexObjectStore(parts.dataDir),
    clock: parts.clock,
    log: parts.log,
    indexRefreshMs: 0,
  };
  const base = buildKnowledgeBase({ ...knowledgeParts, complaints: parts.complaints });
  const search = buildKnowledgeSearch(knowledgeParts);
  if (parts.seed === 'starter') {
    const seeded = await base.seedKnowledgeIfEmpty(() => readStarterSet());
    if (seeded.seeded) {
      const imported = seeded.files.reduce((sum, file) => sum + file.result.imported, 0);
      parts.log.info('knowledge starter set loaded', { cases: imported, quickResponses: seeded.quickResponses });
    }
  }
  return {
    base,
    search,
    suggestions: { suggest: (text) => search.suggestCases(text), store: createDynamoComplaintSuggestionStore(parts.documents, parts.tableName) },
    log: parts.log,
  };
}

/** The knowledge API's routes on two functions, as deployed: search, and the rest (behind the staff authorizer, every call recorded by `access`). */
export function mountKnowledgeRoutes(router: Router<LocalTarget>, knowledge: LocalKnowledge, access: AccessRecorder): void {
  const api = lambdaTarget('knowledge-api', createKnowledgeApiHandler(async () => ({ log: knowledge.log, access, knowledge: knowledge.base })), { staff: {} });
  const search = lambdaTarget('knowledge-search', createKnowledgeSearchHandler(async () => ({ log: knowledge.log, access, knowledge: knowledge.search })), { staff: {} });
  for (const route of KNOWLEDGE_API_ROUTES) router.add(route.method, route.path, 'bodyTypes' in route ? { ...api, bodyTypes: route.bodyTypes } : api);
  for (const route of KNOWLEDGE_SEARCH_ROUTES) router.add(route.method, route.path, search);
}
