import { auditReason, type AuditReason } from './audit/model.ts';
import type { ComplaintRepository } from './ports/complaint-repository.ts';
import type { PiiProtector } from './ports/pii.ts';
import { resolveComplaintId } from './queries.ts';

export interface UnmaskDeps {
  readonly repository: ComplaintRepository;
  readonly pii: PiiProtector;
}

/** The complaint's citizen has no phone number to call back (chat account, X user, withheld caller id, short code). */
export class NoCallbackNumberError extends Error {
  override readonly name = 'NoCallbackNumberError';
}

/** What the counselor sees: the number in clear, once, to call back. */
export interface UnmaskedContact {
  readonly complaintId: string;
  readonly receiptNo: string;
  /** E.164, as normalised at intake. */
  readonly phoneNumber: string;
  readonly masked: string;
}

export interface Unmasked {
  readonly contact: UnmaskedContact;
  /** What the access record of this unmask names (the reason PII-masked). */
  readonly access: { readonly complaintId: string; readonly citizenKeyHash: string; readonly reason: AuditReason };
}

/**
 * Reveals a complaint citizen's phone number for a call-back (`citizen.unmask`): a separate,
 * reasoned action, never part of a complaint's view. The reason is checked first, so nothing is
 * opened without one; null when no complaint has that id or receipt number.
 */
export async function unmaskCitizen(deps: UnmaskDeps, input: { readonly idOrReceiptNo: string; readonly reason: string }): Promise<Unmasked | null> {
  const reason = auditReason(input.reason);
  const complaintId = await resolveComplaintId({ repository: deps.repository }, input.idOrReceiptNo);
  const complaint = complaintId ? await deps.repository.getComplaint(complaintId) : null;
  if (!complaint) return null;
  const { citizen } = complaint;
  if (citizen.kind !== 'phone' || citizen.unverifiable) {
    const what = citizen.kind === 'phone' ? 'a sender that is not a phone number' : `a ${citizen.kind} handle`;
    throw new NoCallbackNumberError(`complaint ${complaint.complaintId}: the citizen wrote from ${what}; there is no number to call back`);
  }
  return {
    contact: { complaintId: complaint.complaintId, receiptNo: complaint.receiptNo, phoneNumber: deps.pii.open(citizen.sealed), masked: citizen.masked },
    access: { complaintId: complaint.complaintId, citizenKeyHash: citizen.hash, reason },
  };
}
