import type { Message } from '../model.ts';
import type { ComplaintRepository, VersionedComplaint } from '../ports/complaint-repository.ts';
import type { Clock } from '../ports/runtime.ts';
import { normalizeReceiptNo } from '../receipt.ts';
import { ListOf, type Document } from './document.ts';
import { Open311Error } from './errors.ts';
import type { Open311Store } from './ports.ts';
import { open311Status, requestFields, type RequestViewOptions } from './request-view.ts';
import { quoted } from './request-form.ts';
import { checkJurisdiction } from './submit-request.ts';

/** "may not span more than 90 days"; "first 1000 requests returned" (GeoReport v2, GET Service Requests). */
export const MAX_RANGE_MS = 90 * 24 * 60 * 60 * 1000;
export const MAX_REQUESTS = 1000;
/** service_request_id lists beyond this are refused: each id costs reads. */
export const MAX_IDS = 100;

export interface QueryDeps {
  repository: ComplaintRepository;
  store: Open311Store;
  clock: Clock;
  jurisdictionId: string;
}

export type Query = Readonly<Record<string, string | undefined>>;

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(name: string, value: string): number {
  if (!W3_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Open311Error(400, `${name} must be a w3 date-time with a time zone, e.g. 2026-01-01T00:00:00Z`);
  }
  return Date.parse(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function optional(query: Query, name: string): string | undefined {
  const value = query[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** [from, to) in epoch ms: the most recent 90 days by default, at most 90 days when given. */
export function queryRange(query: Query, now: Date): { from: number; to: number } {
  const start = optional(query, 'start_date');
  const end = optional(query, 'end_date');
  const from = start !== undefined ? instant('start_date', start) : undefined;
  const to = end !== undefined ? instant('end_date', end) + 1 : undefined;
  if (from !== undefined && to !== undefined) {
    if (from >= to) throw new Open311Error(400, 'start_date must not be after end_date');
    if (to - 1 - from > MAX_RANGE_MS) throw new Open311Error(400, 'start_date and end_date may not span more than 90 days');
    return { from, to };
  }
  if (from !== undefined) return { from, to: from + MAX_RANGE_MS + 1 };
  if (to !== undefined) return { from: to - 1 - MAX_RANGE_MS, to };
  return { from: now.getTime() - MAX_RANGE_MS, to: now.getTime() + 1 };
}

async function foundingMessages(store: Open311Store, complaints: readonly VersionedComplaint[]): Promise<Map<string, Message>> {
  const keys = complaints.flatMap((complaint) => (complaint.report ? [{ complaintId: complaint.complaintId, messageId: complaint.report.messageId }] : []));
  const messages = keys.length > 0 ? await store.getMessages(keys) : [];
  return new Map(messages.map((message) => [message.complaintId, message]));
}

/** A web complaint by its service_request_id (receipt number); null when none is public under it. */
async function publicComplaint(repository: ComplaintRepository, id: string): Promise<VersionedComplaint | null> {
  const receiptNo = normalizeReceiptNo(id);
  if (!receiptNo) return null;
  const complaintId = await repository.findComplaintIdByReceipt(receiptNo);
  const complaint = complaintId ? await repository.getComplaint(complaintId) : null;
  // Only what was filed over Open311 is public: calls, texts and chats are private conversations.
  return complaint?.channel === 'web' && complaint.report ? complaint : null;
}

function requestsDocument(complaints: readonly VersionedComplaint[], messages: Map<string, Message>, options: RequestViewOptions): Document {
  return { root: 'service_requests', body: new ListOf('request', complaints.map((c) => requestFields(c, messages.get(c.complaintId), options))) };
}

/**
 * GET Service Requests: service_request_id (comma list) overrides every other argument;
 * otherwise requests requested in the date range, filtered by status and service_code (comma
 * lists), newest first, at most 1,000.
 */
export async function queryServiceRequests(deps: QueryDeps, query: Query, options: RequestViewOptions): Promise<Document> {
  checkJurisdiction(deps.jurisdictionId, optional(query, 'jurisdiction_id'));
  const ids = list(query.service_request_id);
  if (ids.length > 0) {
    if (ids.length > MAX_IDS) throw new Open311Error(400, `at most ${MAX_IDS} service_request_id values at once`);
    const found = (await Promise.all([...new Set(ids)].map((id) => publicComplaint(deps.repository, id)))).filter((c): c is VersionedComplaint => c !== null);
    return requestsDocument(found, await foundingMessages(deps.store, found), options);
  }
  const statuses = list(query.status);
  const unknownStatus = statuses.find((status) => status !== 'open' && status !== 'closed');
  if (unknownStatus !== undefined) throw new Open311Error(400, `status ${quoted(unknownStatus)} is not open or closed`);
  const codes = list(query.service_code);
  const { from, to } = queryRange(query, deps.clock.now());
  const matching = await deps.store.listWebComplaints({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    limit: MAX_REQUESTS,
    accept: (c) =>
      c.report !== undefined && (statuses.length === 0 || statuses.includes(open311Status(c.status))) && (codes.length === 0 || codes.includes(c.report.serviceCode)),
  });
  return requestsDocument(matching, await foundingMessages(deps.store, matching), options);
}

/** GET Service Request: 404 for an id that names no public request. */
export async function getServiceRequest(deps: QueryDeps, id: string, query: Query, options: RequestViewOptions): Promise<Document> {
  checkJurisdiction(deps.jurisdictionId, optional(query, 'jurisdiction_id'));
  const complaint = await publicComplaint(deps.repository, id);
  if (!complaint) throw new Open311Error(404, `service_request_id ${quoted(id)} was not found`);
  return requestsDocument([complaint], await foundingMessages(deps.store, [complaint]), options);
}
