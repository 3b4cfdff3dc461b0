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
}

/** The complaints API (functions/handlers/complaints-api.ts). */
export const COMPLAINTS_API_ROUTES = [
  { method: 'GET', path: '/api/complaints', permission: 'complaints:read', iam: true, query: ['channel', 'status', 'from', 'to', 'limit', 'cursor', 'order'] },
  { method: 'GET', path: '/api/complaints/{id}', permission: 'complaints:read', iam: true },
  { method: 'POST', path: '/api/complaints/{id}/replies', permission: 'complaints:reply' },
  { method: 'POST', path: '/api/complaints/{id}/replies/{replyId}/delivered-otherwise', permission: 'complaints:reply' },
  { method: 'POST', path: '/api/complaints/{id}/status', permission: 'complaints:update' },
] as const satisfies readonly StaffRoute[];

/**
 * Every staff API handler with its routes: each handler checks every call against its own list,
 * the CDK stack creates exactly these methods behind the staff authorizer, and the local gateway
 * mounts the same list (tests compare all three).
 */
export const STAFF_APIS = {
  complaints: COMPLAINTS_API_ROUTES,
} as const satisfies Record<string, readonly StaffRoute[]>;

export type StaffApiName = keyof typeof STAFF_APIS;

export function findStaffRoute(routes: readonly StaffRoute[], method: string, resource: string): StaffRoute | undefined {
  return routes.find((route) => route.method === method && route.path === resource);
}
