import type { KnowledgeSearch } from '../knowledge-search.ts';
import type { StaffApiDeps } from './staff-api.ts';

export interface KnowledgeSearchDeps extends StaffApiDeps {
  knowledge: Pick<KnowledgeSearch, 'searchKnowledge'>;
}
