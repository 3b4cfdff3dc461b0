import type { KnowledgeBase } from '../knowledge.ts';
import type { StaffApiDeps } from './staff-api.ts';

/** The knowledge use cases the knowledge API calls (search is its own function: knowledge-search.ts). */
export type KnowledgeApiUseCases = Pick<
  KnowledgeBase,
  | 'getCase'
  | 'caseHistory'
  | 'editCase'
  | 'retireCase'
  | 'publishCase'
  | 'importKnowledge'
  | 'listGaps'
  | 'recordSuggestionFeedback'
  | 'draftCaseFromComplaint'
  | 'searchQuickResponses'
  | 'saveQuickResponse'
  | 'fillQuickResponseForComplaint'
>;

export interface KnowledgeApiDeps extends StaffApiDeps {
  knowledge: KnowledgeApiUseCases;
}
