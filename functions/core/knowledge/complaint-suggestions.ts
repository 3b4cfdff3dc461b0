import { complaintIdFor } from '../ids.ts';
import type { Message, SuggestedCase } from '../model.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { KnowledgeHit } from './model.ts';

/** The complaint item's suggestions, written once. */
export interface ComplaintSuggestionStore {
  /** Conditional on the complaint existing and having no suggestions yet; false when it has them. */
  record(complaintId: string, cases: SuggestedCase[], at: string): Promise<boolean>;
}

export interface ComplaintSuggestionDeps {
  /** `suggestCases` of the knowledge search: the top cases for a Korean text. */
  suggest(koreanText: string): Promise<KnowledgeHit[]>;
  store: ComplaintSuggestionStore;
  clock: Clock;
  log: Log;
}

/** The Korean text of a message, once there is one: the text itself, or its finished translation. */
export function koreanTextOf(message: Pick<Message, 'language' | 'text' | 'translation'>): string | null {
  if (message.language === 'ko' || message.translation.status === 'not_needed') return message.text.trim() ? message.text : null;
  return message.translation.status === 'done' && message.translation.text?.trim() ? message.translation.text : null;
}

/**
 * Suggests knowledge cases for a new complaint from the Korean text of the message that founded
 * it: at intake when that text is Korean or translated on the spot, else when its deferred
 * translation is done. Stored once with a single conditional write, so a redelivery (or the
 * translation finishing after an intake retry) never replaces what counselors already saw.
 * Suggestions help; they never fail or hold up the intake, so errors are logged and dropped.
 */
export async function suggestForComplaint(deps: ComplaintSuggestionDeps, complaintId: string, message: Message): Promise<'recorded' | 'kept' | 'waiting' | 'skipped' | 'failed'> {
  if (complaintIdFor(message.messageId) !== complaintId) return 'skipped';
  const korean = koreanTextOf(message);
  if (korean === null) return 'waiting';
  try {
    const hits = await deps.suggest(korean);
    const cases = hits.map(({ caseId, title, score }) => ({ caseId, title, score }));
    const recorded = await deps.store.record(complaintId, cases, deps.clock.now().toISOString());
    deps.log.info('knowledge cases suggested', { complaintId, cases: cases.map((c) => c.caseId), recorded });
    return recorded ? 'recorded' : 'kept';
  } catch (error) {
    deps.log.warn('knowledge suggestions failed; the complaint has none', { complaintId, errorName: (error as Error).name, errorMessage: (error as Error).message });
    return 'failed';
  }
}
