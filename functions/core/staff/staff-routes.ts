import type { StaffPermission } from './roles.ts';

export interface StaffRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource template. */
  readonly path: string;
  /** What the caller's role must grant; checked on every call before any work. */
  readonly permission: StaffPermission;
  /** Also served under /iam for auditors' SigV4-signed scripts (read-only routes only). */
  readonly iam?: true;
}

/**
 * Every route of the staff API, in one list: the handler checks each call against it and the
 * CDK stack creates exactly these methods (a test compares the two).
 */
export const STAFF_ROUTES = [
  { method: 'GET', path: '/api/complaints', permission: 'complaints:read', iam: true },
  { method: 'GET', path: '/api/complaints/{id}', permission: 'complaints:read', iam: true },
  { method: 'POST', path: '/api/complaints/{id}/replies', permission: 'complaints:reply' },
  { method: 'POST', path: '/api/complaints/{id}/status', permission: 'complaints:update' },
] as const satisfies readonly StaffRoute[];

export function findStaffRoute(method: string, resource: string): StaffRoute | undefined {
  return STAFF_ROUTES.find((route) => route.method === method && route.path === resource);
}
