import type { CaseProposal } from '../model.ts';

/** A row the import refuses: 1-based line of the file where the row starts, and why. */
export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ParsedRows {
  rows: { line: number; proposal: CaseProposal }[];
  rejected: RejectedRow[];
}

export const emptyParse = (): ParsedRows => ({ rows: [], rejected: [] });

/** zod issues as one line: `answer: Too small: expected string to have >=1 characters; ...`. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}
