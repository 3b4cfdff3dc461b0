import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { FetchedMedia, MediaStore } from '../ports/media.ts';
import { normalizeReceiptNo } from '../receipt.ts';
import { Open311Error } from './errors.ts';

const FILE = /^(\d{1,2})\.(jpg|png|gif)$/;

/**
 * GET /open311/media/{id}/{n}.{ext}: our stored copy of a web request's photo, the media_url of
 * its public views. Only attachments of requests filed over Open311; never MMS media.
 */
export async function publicMedia(deps: { repository: ComplaintRepository; mediaStore: MediaStore }, id: string, file: string): Promise<FetchedMedia> {
  const notFound = new Open311Error(404, 'media was not found');
  const match = FILE.exec(file);
  const receiptNo = normalizeReceiptNo(id);
  if (!match || !receiptNo) throw notFound;
  const complaintId = await deps.repository.findComplaintIdByReceipt(receiptNo);
  const complaint = complaintId ? await deps.repository.getComplaint(complaintId) : null;
  if (!complaint || complaint.channel !== 'web' || !complaint.report) throw notFound;
  const message = await deps.repository.getMessage(complaint.complaintId, complaint.report.messageId);
  const attachment = message?.attachments[Number(match[1])];
  if (!attachment || !attachment.key.endsWith(`.${match[2]}`)) throw notFound;
  const stored = await deps.mediaStore.get(attachment.key);
  if (!stored) throw notFound;
  return { bytes: stored.bytes, contentType: attachment.contentType };
}
