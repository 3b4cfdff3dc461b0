import type { Log } from '../../core/ports/runtime.ts';
import type { KnowledgeSearch } from '../knowledge-search.ts';

export interface KnowledgeSearchDeps {
  log: Log;
  knowledge: Pick<KnowledgeSearch, 'searchKnowledge'>;
}
