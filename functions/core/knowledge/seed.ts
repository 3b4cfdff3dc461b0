import type { Clock } from '../ports/runtime.ts';
import type { ImportResult } from './import-knowledge.ts';
import type { Actor } from './model.ts';
import type { KnowledgeCaseStore } from './ports.ts';
import type { QuickResponse, QuickResponseStore } from './quick-responses.ts';

/** The starter set is written by the team; loading it is the system's act, not a person's. */
export const SYSTEM_ACTOR: Actor = { id: 'starter-set', role: 'system' };

export interface StarterSet {
  files: { name: string; body: Uint8Array; contentType: string }[];
  quickResponses: Pick<QuickResponse, 'shortcut' | 'title' | 'texts'>[];
}

export interface SeedResult {
  seeded: boolean;
  files: { name: string; result: ImportResult }[];
  quickResponses: number;
}

/**
 * Loads the starter set into an empty knowledge base (`npm start` on a fresh DATA_DIR). A
 * store that holds any case is left alone, so a supervisor's edits and retirements are never
 * overwritten on the next start; re-running after a crash mid-seed imports what is missing.
 */
export async function seedKnowledgeIfEmpty(
  deps: {
    cases: KnowledgeCaseStore;
    quickResponses: QuickResponseStore;
    importKnowledge: (body: Uint8Array, contentType: string, actor: Actor) => Promise<ImportResult>;
    clock: Clock;
  },
  readStarterSet: () => Promise<StarterSet>,
  options: { force?: boolean } = {},
): Promise<SeedResult> {
  if (!options.force && (await deps.cases.hasAnyCase())) return { seeded: false, files: [], quickResponses: 0 };
  const starter = await readStarterSet();
  const files: SeedResult['files'] = [];
  for (const file of starter.files) files.push({ name: file.name, result: await deps.importKnowledge(file.body, file.contentType, SYSTEM_ACTOR) });
  let quickResponses = 0;
  const at = deps.clock.now().toISOString();
  for (const response of starter.quickResponses) {
    const stored = await deps.quickResponses.put({ ...response, version: 1, updatedAt: at, updatedBy: SYSTEM_ACTOR }, 0);
    if (stored) quickResponses += 1;
  }
  return { seeded: true, files, quickResponses };
}
