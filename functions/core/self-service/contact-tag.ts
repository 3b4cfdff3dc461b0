import { CASE_ID_PATTERN } from '../../../schemas/constants.ts';
import type { SelfServiceRef } from '../../../schemas/self-service.ts';

/*
 * An SMS link cannot carry fields, only a body: the answer page appends a tag naming the case,
 * and the intake reads it back from the end of the text. A tag anywhere else, or naming no
 * valid case id, is just text.
 */
const TAG = /\[Q#([^\]\s]{1,64})\]\s*$/u;

export function selfServiceTag(caseId: string): string {
  return `[Q#${caseId}]`;
}

export function selfServiceRefFromText(text: string): SelfServiceRef | null {
  const caseId = TAG.exec(text)?.[1];
  return caseId && CASE_ID_PATTERN.test(caseId) ? { caseId } : null;
}
