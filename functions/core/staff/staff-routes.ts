import type { AuditAction } from '../audit/model.ts';
import type { StaffPermission } from './roles.ts';

export interface StaffRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource template. */
  readonly path: string;
  /** What the caller's role must grant; checked on every call before any work. */
  readonly permission: StaffPermission;
  /** Also served under /iam for auditors' SigV4-signed scripts (read-only routes only). */
  readonly iam?: true;
  /** Query string parameters API Gateway passes on (all optional). */
  readonly query?: readonly string[];
  /**
   * What every call is recorded as in the audit trail (ADR 0018): allowed, or refused with 401/403.
   * The staff router records it before the response leaves (functions/handlers/shared/staff-router.ts).
   */
  readonly audit: AuditAction;
}

/** The complaints API (functions/handlers/complaints-api.ts). */
export const COMPLAINTS_API_ROUTES = [
  { method: 'GET', path: '/api/complaints', permission: 'complaints:read', iam: true, query: ['channel', 'status', 'from', 'to', 'limit', 'cursor', 'order'], audit: 'complaints.list' },
  { method: 'GET', path: '/api/complaints/{id}', permission: 'complaints:read', iam: true, audit: 'complaint.read' },
  { method: 'POST', path: '/api/complaints/{id}/replies', permission: 'complaints:reply', audit: 'reply.send' },
  { method: 'POST', path: '/api/complaints/{id}/status', permission: 'complaints:update', audit: 'status.change' },
  /** The citizen's number in clear, to call back: a reason is required and recorded. */
  { method: 'POST', path: '/api/complaints/{id}/unmask', permission: 'citizen:unmask', audit: 'citizen.unmask' },
] as const satisfies readonly StaffRoute[];

/** The audit API (functions/handlers/audit-api.ts): auditors only; every call is itself recorded. */
export const AUDIT_API_ROUTES = [
  { method: 'GET', path: '/api/audit', permission: 'audit:read', iam: true, query: ['from', 'to', 'actor', 'action', 'complaintId', 'cursor', 'limit'], audit: 'audit.read' },
  { method: 'GET', path: '/api/audit/verify', permission: 'audit:read', iam: true, query: ['day'], audit: 'audit.verify' },
  { method: 'GET', path: '/api/audit/review', permission: 'audit:read', iam: true, query: ['month'], audit: 'audit.review' },
] as const satisfies readonly StaffRoute[];

/**
 * Every staff API handler with its routes: each handler checks every call against its own list,
 * the CDK stack creates exactly these methods behind the staff authorizer, and the local gateway
 * mounts the same list (tests compare all three).
 */
export const STAFF_APIS = {
  complaints: COMPLAINTS_API_ROUTES,
  audit: AUDIT_API_ROUTES,
} as const satisfies Record<string, readonly StaffRoute[]>;

export type StaffApiName = keyof typeof STAFF_APIS;

export function findStaffRoute(routes: readonly StaffRoute[], method: string, resource: string): StaffRoute | undefined {
  return routes.find((route) => route.method === method && route.path === resource);
}

/** The route of any staff API a method and resource template name (the staff authorizer records refusals under its action). */
export function anyStaffRoute(method: string, resource: string): StaffRoute | undefined {
  for (const routes of Object.values(STAFF_APIS)) {
    const route = findStaffRoute(routes, method, resource);
    if (route) return route;
  }
  return undefined;
}
