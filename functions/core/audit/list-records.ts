import * as z from '../../../schemas/zod-mini.ts';
import { isComplaintId } from '../ids.ts';
import { kstDayStart, toUtcIso } from '../kst.ts';
import type { Clock } from '../ports/runtime.ts';
import { InvalidAuditQueryError } from './errors.ts';
import { AUDIT_ACTIONS, type AccessRecord, type AuditComplaintId } from './model.ts';
import type { AuditStore } from './ports.ts';

export interface ListDeps {
  readonly store: AuditStore;
  readonly clock: Clock;
}

const DAY_MS = 86_400_000;
/** Without `from`, a listing that walks day partitions looks back this far. */
export const DEFAULT_LOOKBACK_DAYS = 31;

const DayOrInstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Query string of `GET /api/audit`; empty values count as absent, unknown parameters are refused. */
const ListQuerySchema = z.pipe(
  z.transform((input: unknown) =>
    input !== null && typeof input === 'object' ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined && value !== null)) : input,
  ),
  z.strictObject({
    from: z.optional(DayOrInstantSchema),
    to: z.optional(DayOrInstantSchema),
    actor: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
    action: z.optional(z.enum(AUDIT_ACTIONS)),
    complaintId: z.optional(z.string().check(z.refine(isComplaintId, 'complaintId must be a complaint id (cmp_...)'))),
    cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from this API'))),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  }),
);

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Inclusive lower bound: a day starts at KST midnight. */
function lowerBound(value: string): string {
  return isDay(value) ? kstDayStart(value).toISOString() : toUtcIso(value);
}

/** Exclusive upper bound: the next KST midnight for a day, the instant + 1 ms for an instant. */
function upperBound(value: string): string {
  return isDay(value) ? new Date(kstDayStart(value).getTime() + DAY_MS).toISOString() : new Date(Date.parse(value) + 1).toISOString();
}

const LISTING_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#aud_[0-9a-z]{26}$/;

export function encodeAuditCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, before: lastKey }), 'utf8').toString('base64url');
}

function decodeAuditCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && 'v' in parsed && parsed.v === 1 && 'before' in parsed && typeof parsed.before === 'string' && LISTING_KEY.test(parsed.before)) {
      return parsed.before;
    }
  } catch {
    // fall through: not JSON
  }
  throw new InvalidAuditQueryError(['cursor: not a cursor from this API']);
}

/** What an auditor sees of a record: everything it holds (it holds no clear personal data) and where it sits in its chain. */
export interface AccessRecordView {
  eventId: string;
  at: string;
  actor: { subject: string; username: string };
  role: AccessRecord['role'];
  sourceIp: string;
  action: AccessRecord['action'];
  outcome: AccessRecord['outcome'];
  refusal?: AccessRecord['refusal'];
  route?: string;
  requestId: string;
  complaintId?: string;
  citizenKeyHash?: string;
  reason?: string;
  resultCount?: number;
  chain: { day: string; shard: number; seq: number; hash: string };
}

export function accessRecordView(record: AccessRecord): AccessRecordView {
  return {
    eventId: record.eventId,
    at: record.at,
    actor: { subject: record.actorSubject, username: record.actorUsername },
    role: record.role,
    sourceIp: record.sourceIp,
    action: record.action,
    outcome: record.outcome,
    ...(record.refusal ? { refusal: record.refusal } : {}),
    ...(record.route ? { route: record.route } : {}),
    requestId: record.requestId,
    ...(record.complaintId ? { complaintId: record.complaintId } : {}),
    ...(record.citizenKeyHash ? { citizenKeyHash: record.citizenKeyHash } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
    ...(record.resultCount !== undefined ? { resultCount: record.resultCount } : {}),
    chain: { day: record.day, shard: record.shard, seq: record.seq, hash: record.hash },
  };
}

export interface AccessRecordListing {
  records: AccessRecordView[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  cursor?: string;
}

/**
 * Access records newest first, filtered by time range, actor (username), action and complaint.
 * `from`/`to` as days are whole KST days, both inclusive; as instants, inclusive. Without `from`,
 * a listing by time alone covers the last 31 days; one by actor, action or complaint has no lower bound.
 */
export async function listAccessRecords(deps: ListDeps, input: Record<string, string | undefined>): Promise<AccessRecordListing> {
  const result = ListQuerySchema.safeParse(input);
  if (!result.success) throw new InvalidAuditQueryError(result.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`));
  const query = result.data;
  const toIso = query.to ? upperBound(query.to) : new Date(deps.clock.now().getTime() + 1).toISOString();
  const byTimeOnly = !query.actor && !query.action && !query.complaintId;
  const fromIso = query.from ? lowerBound(query.from) : byTimeOnly ? new Date(Date.parse(toIso) - DEFAULT_LOOKBACK_DAYS * DAY_MS).toISOString() : '2000-01-01T00:00:00.000Z';
  if (fromIso >= toIso) throw new InvalidAuditQueryError(['from: must not be after to']);
  const page = await deps.store.listRecords({
    fromIso,
    toIso,
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.complaintId ? { complaintId: query.complaintId as AuditComplaintId } : {}),
    ...(query.cursor ? { before: decodeAuditCursor(query.cursor) } : {}),
    limit: query.limit,
  });
  return { records: page.records.map(accessRecordView), ...(page.lastKey ? { cursor: encodeAuditCursor(page.lastKey) } : {}) };
}
