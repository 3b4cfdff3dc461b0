import { CASE_ID_PATTERN } from './constants.ts';
import * as z from './zod-mini.ts';

/** On its own so that a self-service reference in an inbound message does not build every knowledge-route schema at load (ADR 0008). */
export const CaseIdSchema = z.string().check(z.regex(CASE_ID_PATTERN, 'caseId must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'));
