import { ComplaintNotFoundError } from '../errors.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { Clock } from '../ports/runtime.ts';
import { maskPersonalData } from '../pii-masking.ts';
import { EDITORS, requireRole } from './actor.ts';
import { canonicalContent, contentHash } from './case-content.ts';
import { writeNextVersion } from './case-versions.ts';
import type { Actor, KnowledgeCase } from './model.ts';
import type { KnowledgeCaseStore } from './ports.ts';

/** One counselor's mark on one suggested case for one complaint (marking again replaces it). */
export interface SuggestionFeedback {
  caseId: string;
  complaintId: string;
  helpful: boolean;
  by: Actor;
  at: string;
}

export interface SuggestionFeedbackStore {
  put(feedback: SuggestionFeedback): Promise<void>;
  listForCase(caseId: string): Promise<SuggestionFeedback[]>;
}

export interface FeedbackDeps {
  cases: KnowledgeCaseStore;
  feedback: SuggestionFeedbackStore;
  complaints: Pick<ComplaintRepository, 'getComplaintDetail'>;
  clock: Clock;
}

export class ComplaintNotResolvedError extends Error {
  override readonly name = 'ComplaintNotResolvedError';
}

const RESOLVED = new Set(['answered', 'closed']);
const QUESTION_MAX = 4000;

/** A draft and whose complaint it came from: the caller's access record names the citizen by the handle's keyed hash. */
export interface DraftFromComplaint {
  draft: KnowledgeCase;
  citizenKeyHash: string;
}

/** The caseId of the draft made from a complaint: the same complaint always makes the same draft. */
export const draftCaseId = (complaintId: string): string => `from-${complaintId}`;

export function createKnowledgeFeedback(deps: FeedbackDeps) {
  return {
    async recordSuggestionFeedback(input: { complaintId: string; caseId: string; helpful: boolean }, actor: Actor): Promise<SuggestionFeedback> {
      requireRole(actor, ['counselor', 'supervisor'], 'mark a suggestion');
      const feedback: SuggestionFeedback = { ...input, by: actor, at: deps.clock.now().toISOString() };
      await deps.feedback.put(feedback);
      return feedback;
    },

    async feedbackSummary(caseId: string, actor: Actor): Promise<{ caseId: string; helpful: number; notHelpful: number }> {
      requireRole(actor, ['supervisor', 'auditor', 'system'], 'read suggestion feedback');
      const marks = await deps.feedback.listForCase(caseId);
      const helpful = marks.filter((m) => m.helpful).length;
      return { caseId, helpful, notHelpful: marks.length - helpful };
    },

    /**
     * A resolved complaint's answer as a draft case for a supervisor to edit and publish: the
     * citizen's Korean text (personal numbers masked) as the question, the last sent reply as
     * the answer. Asking again returns the same draft.
     */
    async draftCaseFromComplaint(input: { complaintId: string; category?: string; title?: string }, actor: Actor): Promise<DraftFromComplaint> {
      requireRole(actor, EDITORS, 'draft knowledge');
      const detail = await deps.complaints.getComplaintDetail(input.complaintId);
      if (!detail) throw new ComplaintNotFoundError(input.complaintId);
      if (!RESOLVED.has(detail.complaint.status)) throw new ComplaintNotResolvedError(`complaint ${input.complaintId} is ${detail.complaint.status}: only an answered or closed complaint becomes a case`);
      const reply = [...detail.replies].reverse().find((r) => r.delivery === 'sent') ?? detail.replies[detail.replies.length - 1];
      if (!reply) throw new ComplaintNotResolvedError(`complaint ${input.complaintId} has no reply to turn into an answer`);
      const question = detail.messages
        .filter((m) => m.direction === 'inbound')
        .map((m) => (m.language === 'ko' ? m.text : m.translation.text ?? m.text))
        .map(maskPersonalData)
        .join('\n')
        .slice(0, QUESTION_MAX);
      const firstLine = question.split('\n')[0] ?? '';
      const content = canonicalContent({
        category: input.category ?? detail.complaint.category ?? '미분류',
        title: input.title ?? (firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine || `민원 ${detail.complaint.receiptNo}`),
        question: question || `민원 ${detail.complaint.receiptNo}`,
        answer: maskPersonalData(reply.textKo),
        ...(detail.complaint.agency ? { agency: detail.complaint.agency } : {}),
        keywords: [],
        fields: {},
        translations: {},
      });
      const caseId = draftCaseId(input.complaintId);
      const at = deps.clock.now().toISOString();
      const outcome = await writeNextVersion(deps.cases, caseId, (head) =>
        head
          ? { unchanged: head }
          : {
              write: { caseId, ...content, status: 'draft', updatedAt: at, contentHash: contentHash(content), recordedAt: at, recordedBy: actor, source: { format: 'complaint', reference: input.complaintId } },
            },
      );
      if (outcome.outcome === 'refused') throw outcome.error;
      return { draft: outcome.case, citizenKeyHash: detail.complaint.citizen.hash };
    },
  };
}
