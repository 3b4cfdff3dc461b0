import type { Log } from '../../core/ports/runtime.ts';
import type { KnowledgeSearch } from '../knowledge-search.ts';

export interface KnowledgeSearchDeps {
  log: Log;
  knowledge: Pick<KnowledgeSearch, 'searchKnowledge'>;
  /** Browser origins answered with CORS headers: the workspace app's, in AWS (none locally: same origin). */
  corsOrigins?: readonly string[];
}
