import type { KnowledgeCase } from './model.ts';
import type { KnowledgeCaseStore } from './ports.ts';

/** What to do given the current head: write this as the next version, nothing, or refuse. */
export type VersionPlan = { write: Omit<KnowledgeCase, 'version'> } | { unchanged: KnowledgeCase } | { refuse: Error };

export type VersionOutcome = { outcome: 'written'; case: KnowledgeCase } | { outcome: 'unchanged'; case: KnowledgeCase } | { outcome: 'refused'; error: Error };

const MAX_ROUNDS = 5;

export class ConcurrentCaseWriteError extends Error {
  override readonly name = 'ConcurrentCaseWriteError';
  constructor(readonly caseId: string) {
    super(`case ${caseId} kept changing under this write; try again`);
  }
}

const sameVersionContent = (a: Omit<KnowledgeCase, 'version'>, b: KnowledgeCase): boolean => a.contentHash === b.contentHash && a.status === b.status;

/**
 * Writes the next version of a case with two single conditional writes and no transaction:
 * the version item into its free slot (head + 1), then the head forward. A crash between the
 * two leaves a version above the head; whoever finds that slot taken rolls the head forward to
 * it and plans again, so every writer converges on a gap-free history in which no version is
 * ever overwritten (docs/adr/0017-knowledge-base.md).
 */
export async function writeNextVersion(store: KnowledgeCaseStore, caseId: string, plan: (head: KnowledgeCase | null) => VersionPlan, knownHead?: KnowledgeCase | null): Promise<VersionOutcome> {
  let head = knownHead === undefined ? await store.getHead(caseId) : knownHead;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const decision = plan(head);
    if ('unchanged' in decision) return { outcome: 'unchanged', case: decision.unchanged };
    if ('refuse' in decision) return { outcome: 'refused', error: decision.refuse };
    const next: KnowledgeCase = { ...decision.write, caseId, version: (head?.version ?? 0) + 1 };
    if (await store.putVersion(next)) {
      await store.advanceHead(next);
      return { outcome: 'written', case: next };
    }
    const taken = await store.getVersion(caseId, next.version);
    if (taken) {
      await store.advanceHead(taken);
      // Our own earlier attempt, cut short after its first write: it is done now.
      if (sameVersionContent(decision.write, taken) && taken.recordedBy.id === decision.write.recordedBy.id) return { outcome: 'written', case: taken };
    }
    head = await store.getHead(caseId);
  }
  throw new ConcurrentCaseWriteError(caseId);
}
