import type { KnowledgeApiDeps } from '../deps/knowledge-api.ts';
import { buildKnowledgeBase } from '../knowledge.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { complaintRepository } from './complaints.ts';
import { knowledgeParts } from './knowledge-parts.ts';
import { log } from './log-and-clock.ts';
import { staffAppOrigins } from './staff-app-origin.ts';

/** The knowledge API function: every use case but search, on the table and the index bucket. */
export async function knowledgeApiDeps(): Promise<KnowledgeApiDeps> {
  return { log, access: lambdaAccessRecorder(), knowledge: buildKnowledgeBase({ ...knowledgeParts(), complaints: complaintRepository() }), corsOrigins: staffAppOrigins() };
}
