import { isComplaintId } from '../ids.ts';
import { maskPersonalData } from '../pii-masking.ts';
import { AuditInputError } from './errors.ts';

/**
 * Access records of personal data (PIPA safety standards, art. 8): who (account), when, from
 * where, whose data and what was done. A record names a citizen only by the keyed hash of their
 * handle and a complaint only by its id; the only free text is a reason, stored PII-masked.
 */
export const AUDIT_ACTIONS = [
  'complaint.read',
  'citizen.history.read',
  'complaints.list',
  /** A lookup by receipt number or phone number (the number is hashed, never recorded). */
  'complaints.search',
  /** The supervisors' list of complaints past their legal deadline. */
  'complaints.overdue',
  'reply.send',
  /** A counselor records that an undelivered reply reached the citizen another way. */
  'reply.delivered-otherwise',
  'status.change',
  /** A complaint's category and/or responsible agency (one call may change both). */
  'assignment.change',
  'petition-type.change',
  'deadline.extend',
  'knowledge.search',
  'knowledge.read',
  'knowledge.import',
  'knowledge.edit',
  'knowledge.retire',
  'knowledge.publish',
  /** Searches that found nothing (counselors' query words). */
  'knowledge.gaps.read',
  'knowledge.feedback',
  /** A draft case written from a resolved complaint (reads the complaint). */
  'knowledge.draft',
  'quick-responses.search',
  'quick-response.edit',
  /** Placeholders filled from a complaint (reads the complaint). */
  'quick-response.fill',
  'export',
  /** Aggregate figures read (no citizen data): the statistics as JSON, the self-service counters. */
  'statistics.read',
  /** The statistics figures downloaded as a CSV file. */
  'statistics.download',
  /** Revealing a citizen's number to call back: a separate action that requires a reason. */
  'citizen.unmask',
  'audit.read',
  'audit.verify',
  'audit.review',
  /** A citizen looked their complaint's status up (web or a status keyword texted in): anonymous, no role. */
  'status.lookup',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ROLES = ['counselor', 'supervisor', 'auditor'] as const;
export type AuditRole = (typeof AUDIT_ROLES)[number];
/** The role a record names: `none` when nobody was established (401). */
export type RecordedRole = AuditRole | 'none';

/** The already-established caller (from the verified token), as the trail needs it. */
export interface AuditActor {
  /** Stable id: the token's `sub`, or the IAM caller's ARN. */
  readonly subject: string;
  readonly username: string;
  /** The role the action was done under. */
  readonly role: AuditRole;
}

/**
 * Who a refusal names: a staff caller under one of their roles, or, for a verified token that
 * carries no staff group (the staff authorizer's 403), that account under the role `none`.
 */
export type RefusedActor = Omit<AuditActor, 'role'> & { readonly role: RecordedRole };

export type AuditOutcome = 'allowed' | 'refused';
/** 401 (no verified caller) or 403 (a role without the permission). */
export type Refusal = 'unauthenticated' | 'forbidden';

declare const citizenKeyHashBrand: unique symbol;
/** The keyed hash (HMAC-SHA256, base64url) of a normalised citizen handle; never the handle. */
export type CitizenKeyHash = string & { readonly [citizenKeyHashBrand]: true };

declare const complaintIdBrand: unique symbol;
export type AuditComplaintId = string & { readonly [complaintIdBrand]: true };

declare const reasonBrand: unique symbol;
/** A reason with phone numbers and resident registration numbers masked. */
export type AuditReason = string & { readonly [reasonBrand]: true };

const KEY_HASH = /^[A-Za-z0-9_-]{43}$/;

/** Refuses anything but a 32-byte base64url hash (a clear or merely normalised number is not one). */
export function citizenKeyHash(value: string): CitizenKeyHash {
  if (!KEY_HASH.test(value) || /^[0-9+_-]+$/.test(value)) throw new AuditInputError('citizenKeyHash must be the keyed hash of a handle (43 base64url characters)');
  return value as CitizenKeyHash;
}

export function auditComplaintId(value: string): AuditComplaintId {
  if (!isComplaintId(value)) throw new AuditInputError('complaintId must be a complaint id (cmp_...), not a receipt number');
  return value as AuditComplaintId;
}

export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** Trims, bounds and masks personal numbers: what a counselor types must not put a number in the trail. */
export function auditReason(text: string): AuditReason {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length < REASON_MIN) throw new AuditInputError(`a reason of at least ${REASON_MIN} characters is required`);
  if (trimmed.length > REASON_MAX) throw new AuditInputError(`a reason must not exceed ${REASON_MAX} characters`);
  return maskPersonalData(trimmed) as AuditReason;
}

/** What the API layer knows of the request itself; all of it set by API Gateway, not the caller. */
export interface AccessRequest {
  /** API Gateway's request id (or a job's own id): with the action and target it fixes the event id. */
  readonly requestId: string;
  /** When API Gateway received the request (UTC ISO). */
  readonly at: string;
  /** Source IP as API Gateway saw it. */
  readonly sourceIp: string;
  /** The route template (`GET /api/complaints/{id}`), never the concrete path. */
  readonly route?: string;
}

interface AccessTarget {
  readonly complaintId?: AuditComplaintId;
  readonly citizenKeyHash?: CitizenKeyHash;
  /** How many complaints a list, search or export returned. */
  readonly resultCount?: number;
}

/** What was done; an unmask cannot be expressed without a reason. */
export type AccessEvent =
  | (AccessTarget & { readonly action: 'citizen.unmask'; readonly reason: AuditReason })
  | (AccessTarget & { readonly action: Exclude<AuditAction, 'citizen.unmask'>; readonly reason?: AuditReason });

/** The record as stored: one link of one hash chain (`day`, `shard`, `seq`). */
export interface AccessRecord {
  readonly v: 1;
  readonly eventId: string;
  readonly at: string;
  /** KST day of `at`: the chain's day. */
  readonly day: string;
  readonly shard: number;
  readonly seq: number;
  readonly actorSubject: string;
  readonly actorUsername: string;
  readonly role: RecordedRole;
  readonly sourceIp: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly refusal?: Refusal;
  readonly route?: string;
  readonly requestId: string;
  readonly complaintId?: AuditComplaintId;
  readonly citizenKeyHash?: CitizenKeyHash;
  readonly reason?: AuditReason;
  readonly resultCount?: number;
  /** Hash of the previous record of the chain (a per-chain genesis value for seq 1). */
  readonly prevHash: string;
  /** Event id of the previous record: a deleted record is named by its successor. */
  readonly prevEventId?: string;
  /** SHA-256 over every field above, in a fixed order. */
  readonly hash: string;
}

/** Who a record names when nobody was established (401). */
export const ANONYMOUS = { subject: 'anonymous', username: 'anonymous' } as const;

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
