import { kstDay, toUtcIso } from '../kst.ts';
import type { Clock } from '../ports/runtime.ts';
import { ChainAppender, type UnlinkedRecord } from './chain-appender.ts';
import { auditEventIdFor, shardOf, type ChainId } from './chain.ts';
import { AuditInputError } from './errors.ts';
import {
  ANONYMOUS,
  isAuditAction,
  type AccessEvent,
  type AccessRecord,
  type AccessRequest,
  type AuditAction,
  type AuditActor,
  type AuditComplaintId,
  type Refusal,
  type RefusedActor,
} from './model.ts';
import type { AuditChainStore } from './ports.ts';

export interface RecordAccessDeps {
  readonly store: AuditChainStore;
  readonly clock: Clock;
  /** Chains per day (1..64); records of one event always land in the same one. */
  readonly shards: number;
  /** This writer's appender (one per process: it queues the writer's appends per chain and keeps the heads it wrote); a fresh one reads each head. */
  readonly appender?: ChainAppender;
}

/** A request time further than this from the clock is not trusted (a replayed event must not land in a sealed day). */
const MAX_REQUEST_SKEW_MS = 5 * 60 * 1000;

export type Draft = UnlinkedRecord;

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
/** IPv4 dotted quad, or IPv6 (it has a colon): anything else is not an address and is not kept. */
const SOURCE_IP = /^((\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44})$/;
/** A route template: literal lowercase segments and `{param}`s only, so a concrete path (an id, a number) never gets in. */
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/([a-z][a-z0-9-]{0,40}|\{[A-Za-z]{1,40}\})){1,12}$/;

export function requestFields(request: AccessRequest, clock: Clock): Pick<Draft, 'requestId' | 'at' | 'sourceIp' | 'route'> {
  if (!REQUEST_ID.test(request.requestId)) throw new AuditInputError('requestId must be 1-128 characters of [A-Za-z0-9_.:-]');
  const now = clock.now();
  let at = now.toISOString();
  const claimed = Date.parse(request.at);
  if (!Number.isNaN(claimed) && Math.abs(claimed - now.getTime()) <= MAX_REQUEST_SKEW_MS) at = toUtcIso(new Date(claimed));
  return {
    requestId: request.requestId,
    at,
    sourceIp: SOURCE_IP.test(request.sourceIp) ? request.sourceIp : 'unknown',
    ...(request.route && ROUTE.test(request.route) ? { route: request.route } : {}),
  };
}

function actorFields(actor: RefusedActor | null): Pick<Draft, 'actorSubject' | 'actorUsername' | 'role'> {
  if (!actor) return { actorSubject: ANONYMOUS.subject, actorUsername: ANONYMOUS.username, role: 'none' };
  if (actor.subject.length === 0 || actor.subject.length > 2048) throw new AuditInputError('actor subject must be 1-2048 characters');
  if (actor.username.length === 0 || actor.username.length > 256) throw new AuditInputError('actor username must be 1-256 characters');
  // Staff names are not citizen data, but a phone number used as a sign-in name must not sit in the trail either.
  return { actorSubject: actor.subject, actorUsername: maskedUsername(actor.username), role: actor.role };
}

function maskedUsername(username: string): string {
  return username.replace(/\d{6,}/g, (digits) => `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/** Records an allowed access by an established caller. */
export function recordAccess(deps: RecordAccessDeps, actor: AuditActor, request: AccessRequest, event: AccessEvent): Promise<AccessRecord> {
  if (!isAuditAction(event.action)) throw new AuditInputError(`unknown audit action ${String(event.action)}`);
  if (event.action === 'citizen.unmask' && !event.reason) throw new AuditInputError('an unmask requires a reason');
  if (event.resultCount !== undefined && (!Number.isInteger(event.resultCount) || event.resultCount < 0)) throw new AuditInputError('resultCount must be a non-negative integer');
  const base = { ...requestFields(request, deps.clock), ...actorFields(actor) };
  const eventId = auditEventIdFor({ requestId: base.requestId, action: event.action, outcome: 'allowed', complaintId: event.complaintId, citizenKeyHash: event.citizenKeyHash });
  return appendToChain(deps, {
    v: 1,
    eventId,
    ...base,
    action: event.action,
    outcome: 'allowed',
    ...(event.complaintId ? { complaintId: event.complaintId } : {}),
    ...(event.citizenKeyHash ? { citizenKeyHash: event.citizenKeyHash } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
    ...(event.resultCount !== undefined ? { resultCount: event.resultCount } : {}),
  });
}

/** Records a refused attempt: 401 (no caller: `actor` null) or 403 (a caller whose role lacks the permission, or who has no staff role). */
export function recordRefusal(
  deps: RecordAccessDeps,
  actor: RefusedActor | null,
  request: AccessRequest,
  attempt: { readonly action: AuditAction; readonly refusal: Refusal; readonly complaintId?: AuditComplaintId },
): Promise<AccessRecord> {
  if (!isAuditAction(attempt.action)) throw new AuditInputError(`unknown audit action ${String(attempt.action)}`);
  const base = { ...requestFields(request, deps.clock), ...actorFields(actor) };
  const eventId = auditEventIdFor({ requestId: base.requestId, action: attempt.action, outcome: 'refused', complaintId: attempt.complaintId });
  return appendToChain(deps, {
    v: 1,
    eventId,
    ...base,
    action: attempt.action,
    outcome: 'refused',
    refusal: attempt.refusal,
    ...(attempt.complaintId ? { complaintId: attempt.complaintId } : {}),
  });
}

/** Appends to the event's chain (fixed by its id): single conditional writes only (chain-appender.ts). */
export function appendToChain(deps: RecordAccessDeps, draft: Draft): Promise<AccessRecord> {
  const chain: ChainId = { day: kstDay(draft.at), shard: shardOf(draft.eventId, deps.shards) };
  return (deps.appender ?? new ChainAppender(deps.store)).append(chain, draft);
}
