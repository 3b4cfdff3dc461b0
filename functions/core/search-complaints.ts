import * as z from '../../schemas/zod-mini.ts';
import { InvalidHandleError, normalizePhone } from './citizen-handle.ts';
import { InvalidQueryError } from './errors.ts';
import type { PiiProtector } from './ports/pii.ts';
import { complaintSummaryView, resolveComplaintId, type ComplaintSummaryView, type QueryDeps } from './queries.ts';

/** How many of one citizen's complaints a search returns, newest first. */
export const CITIZEN_SEARCH_LIMIT = 50;

/**
 * `POST /api/complaints/search`: exactly one of a receipt number or the citizen's phone number.
 * A POST body, so the number never sits in a URL (access logs, browser history, Referer).
 */
export const ComplaintSearchSchema = z
  .strictObject({
    receiptNo: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    phone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
  })
  .check(z.refine((body) => (body.receiptNo === undefined) !== (body.phone === undefined), { message: 'give exactly one of receiptNo or phone' }));
export type ComplaintSearch = z.output<typeof ComplaintSearchSchema>;

export interface SearchDeps extends QueryDeps {
  pii: Pick<PiiProtector, 'hash'>;
}

export interface ComplaintSearchView {
  /** What was searched by; the number itself is never echoed. */
  by: 'receiptNo' | 'phone';
  items: ComplaintSummaryView[];
}

/** What a search's access record names: whose complaints were looked up, and how many were found. */
export interface ComplaintSearchAccess {
  /** The one complaint a receipt number found. */
  readonly complaintId?: string;
  /** The keyed hash of the searched number, or of the found complaint's citizen (never the number). */
  readonly citizenKeyHash?: string;
  readonly resultCount: number;
}

/**
 * A phone number is normalised as intake normalises it and looked up by its keyed hash in the
 * citizen index, on every channel the number wrote or called from; a receipt number is any of
 * the numbers the citizen was given.
 */
export async function searchComplaints(deps: SearchDeps, search: ComplaintSearch): Promise<{ view: ComplaintSearchView; access: ComplaintSearchAccess }> {
  if (search.receiptNo !== undefined) {
    const complaintId = await resolveComplaintId(deps, search.receiptNo);
    const complaint = complaintId ? await deps.repository.getComplaint(complaintId) : null;
    return {
      view: { by: 'receiptNo', items: complaint ? [complaintSummaryView(complaint)] : [] },
      access: complaint ? { complaintId: complaint.complaintId, citizenKeyHash: complaint.citizen.hash, resultCount: 1 } : { resultCount: 0 },
    };
  }
  let normalized: string;
  try {
    normalized = normalizePhone(search.phone ?? '');
  } catch (error) {
    // The message names the problem, never the digits.
    if (error instanceof InvalidHandleError) throw new InvalidQueryError([`phone: ${error.message}`]);
    throw error;
  }
  const citizenKeyHash = deps.pii.hash(normalized);
  const complaints = await deps.repository.listComplaintsByCitizen(citizenKeyHash, CITIZEN_SEARCH_LIMIT);
  return { view: { by: 'phone', items: complaints.map(complaintSummaryView) }, access: { citizenKeyHash, resultCount: complaints.length } };
}
