import type { DeliveryReceipt, ProviderDeliveryStatus, Reply, ReplyDelivery } from './model.ts';
import { OPT_OUT_CODES } from './ports/sms-sender.ts';
import type { ComplaintRepository } from './ports/complaint-repository.ts';
import type { Clock, Log } from './ports/runtime.ts';

/** How far a status is along the way; a report never moves a part back (callbacks arrive out of order). */
export const DELIVERY_RANK: Record<ProviderDeliveryStatus, number> = { queued: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

const isNegative = (receipt: DeliveryReceipt | undefined): boolean => receipt?.status === 'undelivered' || receipt?.status === 'failed';

/** The parts a reply was last sent as, by position (provider ids, comma-separated; '' for a part not sent). */
export function sentParts(reply: Pick<Reply, 'providerMessageId'>): string[] {
  return reply.providerMessageId ? reply.providerMessageId.split(',') : [];
}

function receiptsById(reply: Pick<Reply, 'receipts'>): Map<string, DeliveryReceipt> {
  return new Map((reply.receipts ?? []).map((receipt) => [receipt.providerMessageId, receipt]));
}

/**
 * The delivery a reply handed to a reporting provider has reached, from the reports of the parts
 * it was last sent as: one part undelivered or failed makes it `undelivered`; every part
 * delivered makes it `delivered`; every part at least with the carrier makes it `sent`.
 * Reports of parts replaced by a retry no longer count.
 */
export function effectiveDelivery(reply: Pick<Reply, 'delivery' | 'providerMessageId' | 'receipts'>): ReplyDelivery {
  if (reply.delivery !== 'queued' && reply.delivery !== 'sent') return reply.delivery;
  const parts = sentParts(reply);
  const receipts = receiptsById(reply);
  if (parts.length === 0 || receipts.size === 0) return reply.delivery;
  const statuses = parts.map((id) => receipts.get(id));
  if (statuses.some((r) => isNegative(r) && OPT_OUT_CODES.has(r?.errorCode ?? ''))) return 'opted_out';
  if (statuses.some(isNegative)) return 'undelivered';
  if (statuses.every((r) => r?.status === 'delivered')) return 'delivered';
  if (statuses.every((r) => r !== undefined && DELIVERY_RANK[r.status] >= DELIVERY_RANK.sent)) return 'sent';
  return reply.delivery;
}

/**
 * For a retry of an undelivered reply: the parts to keep, by position, with '' for each part to
 * send again (reported undelivered or failed).
 */
export function partsToKeep(reply: Pick<Reply, 'providerMessageId' | 'receipts'>): string[] {
  const receipts = receiptsById(reply);
  return sentParts(reply).map((id) => (isNegative(receipts.get(id)) ? '' : id));
}

export interface DeliveryReportDeps {
  repository: ComplaintRepository;
  clock: Clock;
  log: Log;
}

export interface DeliveryReport {
  complaintId: string;
  replyId: string;
  providerMessageId: string;
  status: ProviderDeliveryStatus;
  errorCode?: string;
  provider: string;
}

/**
 * Records a provider's report on one sent part of a reply: one conditional write that never
 * moves the part back along queued → sent → delivered/undelivered/failed, so duplicate and
 * out-of-order reports converge. A report for a reply the gateway does not know is ignored.
 */
export async function recordDeliveryReport(deps: DeliveryReportDeps, report: DeliveryReport): Promise<'recorded' | 'stale' | 'unknown_reply'> {
  const receipt: DeliveryReceipt = {
    providerMessageId: report.providerMessageId,
    status: report.status,
    ...(report.errorCode ? { errorCode: report.errorCode } : {}),
    provider: report.provider,
    at: deps.clock.now().toISOString(),
  };
  const outcome = await deps.repository.recordDeliveryReceipt(report.complaintId, report.replyId, receipt);
  const logContext = { complaintId: report.complaintId, replyId: report.replyId, providerMessageId: report.providerMessageId, status: report.status };
  if (outcome === 'missing') {
    deps.log.warn('delivery report for a reply the gateway does not know', logContext);
    return 'unknown_reply';
  }
  if (outcome === 'recorded' && isNegative(receipt)) deps.log.warn('reply not delivered', { ...logContext, errorCode: report.errorCode });
  else deps.log.info(outcome === 'recorded' ? 'delivery report recorded' : 'delivery report older than the one recorded', logContext);
  return outcome;
}
