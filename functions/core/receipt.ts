import type { InboundMessage } from '../../schemas/inbound-message.ts';
import { crockfordBase32, digestOf, messageIdFor } from './ids.ts';
import { kstCompactDay } from './kst.ts';
import type { ComplaintRepository } from './ports/complaint-repository.ts';
import type { PiiProtector } from './ports/pii.ts';
import { protectHandle } from './protect-handle.ts';
import { THREADABLE_STATUSES } from './model.ts';
import { threadKeyFor } from './thread-key.ts';

/**
 * Receipt number: `YYYYMMDD-XXXXX-XXXXX`, the KST day the contact arrived and 50 bits of a
 * hash of the message id in Crockford base32. Derivable from the message alone, so the edge
 * can tell the citizen their number before the pipeline has run. 50 bits keeps the chance
 * of two messages of one day sharing a number below 1e-6 at 25,000 contacts a day.
 */
export function receiptNoFor(message: Pick<InboundMessage, 'channel' | 'provider' | 'providerMessageId' | 'receivedAt'>): string {
  const hash = crockfordBase32(digestOf('receipt', messageIdFor(message))).slice(0, 10);
  return `${kstCompactDay(message.receivedAt)}-${hash.slice(0, 5)}-${hash.slice(5, 10)}`;
}

const RECEIPT_PATTERN = /^(\d{8})-?([0-9A-Z]{5})-?([0-9A-Z]{5})$/;

/**
 * Canonical form of a receipt number as a citizen or counselor may type it: case, spaces
 * and missing dashes forgiven, Crockford look-alikes (O->0, I/L->1) folded. Null when it
 * cannot be a receipt number.
 */
export function normalizeReceiptNo(input: string): string | null {
  const folded = input
    .trim()
    .toUpperCase()
    .replace(/[\s_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const match = RECEIPT_PATTERN.exec(folded);
  if (!match || /U/.test(folded)) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

export interface PreviewReceiptDeps {
  repository: ComplaintRepository;
  pii: PiiProtector;
}

/**
 * The receipt number the citizen will be able to use for this message: their open
 * complaint's on this channel (on X: in this conversation) when they have one, else the
 * message's own (which a new complaint takes). Either way the message's own number also
 * resolves to its complaint, so a race between this preview and the pipeline never leaves
 * the citizen with a dead number.
 */
export async function previewReceipt(
  deps: PreviewReceiptDeps,
  message: InboundMessage,
): Promise<{ receiptNo: string; joinedExisting: boolean }> {
  const claim = await deps.repository.getMessageClaim(messageIdFor(message));
  if (claim) return { receiptNo: claim.complaintReceiptNo, joinedExisting: !claim.newComplaint };
  const citizen = protectHandle(deps.pii, message.citizenHandleKind, message.citizenHandle);
  const pointer = await deps.repository.getOpenPointer(message.channel, threadKeyFor(message, citizen.hash));
  if (pointer) {
    const complaint = await deps.repository.getComplaint(pointer.complaintId);
    // A pointer whose complaint is not written yet belongs to a first message still in flight.
    if (!complaint) return { receiptNo: pointer.complaint.receiptNo, joinedExisting: true };
    if (THREADABLE_STATUSES.includes(complaint.status)) return { receiptNo: complaint.receiptNo, joinedExisting: true };
  }
  return { receiptNo: receiptNoFor(message), joinedExisting: false };
}
