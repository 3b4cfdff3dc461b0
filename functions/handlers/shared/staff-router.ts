import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { StaffPrincipal } from '../../core/staff/roles.ts';
import { findStaffRoute, type StaffRoute } from '../../core/staff/staff-routes.ts';
import { HttpError } from './http.ts';
import { IAM_ROUTE_PREFIX, requireStaff } from './staff-context.ts';

export interface StaffCall {
  /** `METHOD /path/{template}` of the matched route, without the /iam prefix. */
  readonly route: string;
  readonly actor: StaffPrincipal;
}

/**
 * Matches a staff API event to its route and checks the caller's role before any work: 404 for
 * a route the list does not name, 401 without a caller, 403 for a role that lacks the route's
 * permission. SigV4 calls arrive under /iam and are matched without that prefix.
 */
export function staffCall(routes: readonly StaffRoute[], event: APIGatewayProxyEvent): StaffCall {
  const resource = event.resource.startsWith(`${IAM_ROUTE_PREFIX}/`) ? event.resource.slice(IAM_ROUTE_PREFIX.length) : event.resource;
  const route = findStaffRoute(routes, event.httpMethod, resource);
  if (!route) throw new HttpError(404, `no route ${event.httpMethod} ${event.resource}`);
  return { route: `${route.method} ${route.path}`, actor: requireStaff(event, route.permission) };
}
