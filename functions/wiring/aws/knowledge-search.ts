import type { KnowledgeSearchDeps } from '../deps/knowledge-search.ts';
import { buildKnowledgeSearch } from '../knowledge-search.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { knowledgeSearchParts } from './knowledge-parts.ts';
import { log } from './log-and-clock.ts';
import { staffAppOrigins } from './staff-app-origin.ts';

/** The search function: search only, without the import and editing code (a fast cold start). */
export async function knowledgeSearchDeps(): Promise<KnowledgeSearchDeps> {
  return { log, access: lambdaAccessRecorder(), knowledge: buildKnowledgeSearch(knowledgeSearchParts()), corsOrigins: staffAppOrigins() };
}
