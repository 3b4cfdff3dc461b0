import type { EditCaseBody } from '../../../schemas/knowledge.ts';
import type { Clock } from '../ports/runtime.ts';
import { EDITORS, READERS, requireRole } from './actor.ts';
import { canonicalContent, contentHash } from './case-content.ts';
import { writeNextVersion, type VersionPlan } from './case-versions.ts';
import { CaseNotFoundError, InvalidCaseChangeError, StaleCaseVersionError } from './errors.ts';
import type { Actor, CaseContent, CaseStatus, KnowledgeCase } from './model.ts';
import type { KnowledgeCaseStore } from './ports.ts';
import { rebuildSearchIndex, type RebuildIndexDeps } from './rebuild-index.ts';

export interface EditCaseDeps extends RebuildIndexDeps {
  cases: KnowledgeCaseStore;
  clock: Clock;
}

export interface CaseChangeResult {
  outcome: 'written' | 'unchanged';
  case: KnowledgeCase;
}

function planChange(caseId: string, expectedVersion: number, change: (head: KnowledgeCase) => Omit<KnowledgeCase, 'version'> | 'unchanged'): (head: KnowledgeCase | null) => VersionPlan {
  return (head) => {
    if (!head) return { refuse: new CaseNotFoundError(caseId) };
    if (head.version !== expectedVersion) return { refuse: new StaleCaseVersionError(caseId, expectedVersion, head.version) };
    const next = change(head);
    return next === 'unchanged' ? { unchanged: head } : { write: next };
  };
}

/** Supervisors edit, retire and publish cases; every change is a new version naming who and why. */
export function createCaseEditing(deps: EditCaseDeps) {
  const commit = async (caseId: string, plan: (head: KnowledgeCase | null) => VersionPlan): Promise<CaseChangeResult> => {
    const outcome = await writeNextVersion(deps.cases, caseId, plan);
    if (outcome.outcome === 'refused') throw outcome.error;
    // Drafts are not searched; anything that was or is published changes the index.
    if (outcome.outcome === 'written' && (outcome.case.status !== 'draft' || outcome.case.version > 1)) await rebuildSearchIndex(deps);
    return outcome;
  };

  const stamp = (actor: Actor, note: string | undefined) => ({
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: actor,
    ...(note ? { note } : {}),
  });

  const setStatus = (status: CaseStatus, action: string, allowedFrom: readonly CaseStatus[]) =>
    async function (caseId: string, input: { expectedVersion: number; note: string }, actor: Actor): Promise<CaseChangeResult> {
      requireRole(actor, EDITORS, action);
      return commit(
        caseId,
        planChange(caseId, input.expectedVersion, (head) => {
          if (head.status === status) return 'unchanged';
          if (!allowedFrom.includes(head.status)) throw new InvalidCaseChangeError(`a ${head.status} case cannot be ${status}`);
          const { version: _version, ...rest } = head;
          return { ...rest, status, source: { format: 'edit' }, ...stamp(actor, input.note) };
        }),
      );
    };

  return {
    async getCase(caseId: string, actor: Actor): Promise<KnowledgeCase> {
      requireRole(actor, READERS, 'read knowledge');
      const head = await deps.cases.getHead(caseId);
      if (!head) throw new CaseNotFoundError(caseId);
      return head;
    },

    /** Every version, oldest first: who changed what, when. */
    async caseHistory(caseId: string, actor: Actor): Promise<KnowledgeCase[]> {
      requireRole(actor, READERS, 'read knowledge');
      const versions = await deps.cases.listVersions(caseId);
      if (versions.length === 0) throw new CaseNotFoundError(caseId);
      return versions;
    },

    async editCase(caseId: string, input: EditCaseBody, actor: Actor): Promise<CaseChangeResult> {
      requireRole(actor, EDITORS, 'edit knowledge');
      const { expectedVersion, note, ...proposed } = input;
      const content = canonicalContent(proposed as CaseContent);
      const hash = contentHash(content);
      return commit(
        caseId,
        planChange(caseId, expectedVersion, (head) => {
          if (head.contentHash === hash) return 'unchanged';
          const at = deps.clock.now().toISOString();
          return { caseId, ...content, status: head.status, updatedAt: at, contentHash: hash, source: { format: 'edit' }, ...stamp(actor, note) };
        }),
      );
    },

    retireCase: setStatus('retired', 'retire knowledge', ['published', 'draft']),
    publishCase: setStatus('published', 'publish knowledge', ['draft', 'retired']),
  };
}
