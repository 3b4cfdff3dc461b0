import type { Log } from '../../core/ports/runtime.ts';
import type { KnowledgeBase } from '../knowledge.ts';

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

export interface KnowledgeApiDeps {
  log: Log;
  knowledge: KnowledgeApiUseCases;
  /** Browser origins answered with CORS headers: the workspace app's, in AWS (none locally: same origin). */
  corsOrigins?: readonly string[];
}
