import { ComplaintNotFoundError } from '../../core/errors.ts';
import { CaseNotFoundError, ForbiddenActionError, InvalidCaseChangeError, StaleCaseVersionError, UnreadableImportError } from '../../core/knowledge/errors.ts';
import { ComplaintNotResolvedError } from '../../core/knowledge/feedback.ts';
import type { Actor } from '../../core/knowledge/model.ts';
import {
  InvalidQuickResponseError,
  MissingPlaceholderValueError,
  QuickResponseNotFoundError,
  StaleQuickResponseError,
  UnknownPlaceholderError,
} from '../../core/knowledge/quick-responses.ts';
import { HttpError } from './http.ts';
import type { StaffCall } from './staff-router.ts';

/**
 * Who acts on the knowledge base, from the verified token: the sign-in name (what version
 * history and marks show) under the role that grants the route (the staff router checked it).
 */
export function knowledgeActor(call: StaffCall): Actor {
  return { id: call.actor.username, role: call.role };
}

/** The knowledge use cases' errors as HTTP answers: 400 bad input, 404 unknown, 409 a conflict with the stored state. */
export function knowledgeHttpError(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof ForbiddenActionError) return new HttpError(403, error.message);
  if (error instanceof CaseNotFoundError || error instanceof ComplaintNotFoundError || error instanceof QuickResponseNotFoundError) return new HttpError(404, error.message);
  if (error instanceof StaleCaseVersionError) return new HttpError(409, error.message, { currentVersion: error.current });
  if (error instanceof StaleQuickResponseError || error instanceof ComplaintNotResolvedError || error instanceof InvalidCaseChangeError) return new HttpError(409, error.message);
  if (error instanceof UnknownPlaceholderError || error instanceof MissingPlaceholderValueError) return new HttpError(400, error.message, { placeholders: error.placeholders });
  if (error instanceof InvalidQuickResponseError) return new HttpError(400, error.message);
  if (error instanceof UnreadableImportError) return new HttpError(error.status, error.message);
  return error;
}
