import { createCaseEditing } from '../core/knowledge/edit-case.ts';
import { createKnowledgeFeedback } from '../core/knowledge/feedback.ts';
import { createQuickResponseFilling } from '../core/knowledge/fill-quick-response.ts';
import { createImportKnowledge } from '../core/knowledge/import-knowledge.ts';
import { createQuickResponses } from '../core/knowledge/quick-responses.ts';
import { rebuildSearchIndex } from '../core/knowledge/rebuild-index.ts';
import { createKnowledgeSearch } from '../core/knowledge/search-knowledge.ts';
import { seedKnowledgeIfEmpty, type StarterSet } from '../core/knowledge/seed.ts';
import { createDynamoFeedbackStore, createDynamoGapStore, createDynamoQuickResponseStore } from '../adapters/knowledge/dynamodb-knowledge-extras.ts';
import type { ComplaintRepository } from '../core/ports/complaint-repository.ts';
import { knowledgeParts, type KnowledgeParts } from './knowledge-search.ts';

export { buildKnowledgeSearch, type KnowledgeParts, type KnowledgeSearch } from './knowledge-search.ts';

/**
 * Every knowledge use case on the complaint table: the same in Lambda and in the local
 * gateway. Build it once per container (the search index it holds is the cache).
 */
export function buildKnowledgeBase(parts: KnowledgeParts & { complaints: Pick<ComplaintRepository, 'getComplaintDetail' | 'getComplaint'> }) {
  const { documentClient, tableName, clock, log } = parts;
  const { cases, manifests, index, indexDeps } = knowledgeParts(parts);
  const quickResponses = createDynamoQuickResponseStore(documentClient, tableName);
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
    ...createQuickResponseFilling({ store: quickResponses, complaints: parts.complaints, cases, clock }),
    seedKnowledgeIfEmpty: (readStarterSet: () => Promise<StarterSet>, options?: { force?: boolean }) =>
      seedKnowledgeIfEmpty({ cases, quickResponses, importKnowledge, clock }, readStarterSet, options),
  };
}

export type KnowledgeBase = ReturnType<typeof buildKnowledgeBase>;
