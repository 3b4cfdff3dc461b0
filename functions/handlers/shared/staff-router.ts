import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AuditInputError } from '../../core/audit/errors.ts';
import { auditComplaintId, citizenKeyHash, type AccessEvent, type AuditAction, type AuditComplaintId, type AuditReason } from '../../core/audit/model.ts';
import { isComplaintId } from '../../core/ids.ts';
import { roleFor, type StaffPrincipal, type StaffRole } from '../../core/staff/roles.ts';
import { findStaffRoute, type StaffRoute } from '../../core/staff/staff-routes.ts';
import type { StaffApiDeps } from '../../wiring/deps/staff-api.ts';
import { accessRequestOf } from './audit-request.ts';
import { HttpError, httpErrors } from './http.ts';
import { staffCors } from './staff-cors.ts';
import { IAM_ROUTE_PREFIX, staffPrincipalOf } from './staff-context.ts';

/** What a handler learns while serving a call and adds to the call's access record. */
export interface AccessDetail {
  /** The complaint served (a complaint id, after resolving a receipt number). */
  readonly complaintId?: string;
  /** The keyed hash of the complaint's citizen (never the handle). */
  readonly citizenKeyHash?: string;
  /** How many items a list or search returned. */
  readonly resultCount?: number;
  /** Why (required for an unmask), already masked by `auditReason`. */
  readonly reason?: AuditReason;
}

export interface StaffCall {
  /** `METHOD /path/{template}` of the matched route, without the /iam prefix. */
  readonly route: string;
  readonly actor: StaffPrincipal;
  /** The caller's role that grants this route (what the access record names). */
  readonly role: StaffRole;
  /** Adds to this call's access record; recorded once the handler has answered, before the answer leaves. */
  note(detail: AccessDetail): void;
}

export type StaffServe<D> = (event: APIGatewayProxyEvent, call: StaffCall, deps: D) => Promise<APIGatewayProxyResult>;

function routeOf(routes: readonly StaffRoute[], event: APIGatewayProxyEvent): StaffRoute {
  const resource = event.resource.startsWith(`${IAM_ROUTE_PREFIX}/`) ? event.resource.slice(IAM_ROUTE_PREFIX.length) : event.resource;
  const route = findStaffRoute(routes, event.httpMethod, resource);
  if (!route) throw new HttpError(404, `no route ${event.httpMethod} ${event.resource}`);
  return route;
}

/** The complaint a path names, when it names one by id (a receipt number is resolved by the handler, which notes the id). */
function pathComplaint(event: { pathParameters?: Record<string, string | undefined> | null }): AuditComplaintId | undefined {
  const id = event.pathParameters?.id;
  return id && isComplaintId(id) ? auditComplaintId(id) : undefined;
}

function accessEvent(action: AuditAction, detail: AccessDetail, fromPath: AuditComplaintId | undefined): AccessEvent {
  const complaintId = detail.complaintId !== undefined ? auditComplaintId(detail.complaintId) : fromPath;
  const target = {
    ...(complaintId ? { complaintId } : {}),
    ...(detail.citizenKeyHash !== undefined ? { citizenKeyHash: citizenKeyHash(detail.citizenKeyHash) } : {}),
    ...(detail.resultCount !== undefined ? { resultCount: detail.resultCount } : {}),
  };
  if (action === 'citizen.unmask') {
    // A handler bug, not the caller's: the number must not leave without the reason on record.
    if (!detail.reason) throw new AuditInputError('an unmask was served without a reason to record');
    return { action, ...target, reason: detail.reason };
  }
  return { action, ...target, ...(detail.reason ? { reason: detail.reason } : {}) };
}

/**
 * A staff API handler: matches the call to its route (404 otherwise), checks the caller's role
 * before any work, and leaves exactly one access record per call (ADR 0018). A refusal (401
 * nobody established, 403 a role without the route's permission) is recorded as refused; an
 * answered call (status below 400) is recorded as allowed, with what the handler noted, after the
 * answer is computed and before it is returned. When the record cannot be written the call fails
 * (500) and its answer is dropped: no personal data leaves without its record. A call that fails
 * (bad input, not found, conflict) read and changed nothing and is not recorded; the API's access
 * log has it. Every answer, refusals and failures included, names the workspace app's origin when
 * the call came from it (`corsOrigins`), so the app reads a 401/403 instead of a CORS failure.
 */
export function staffApiHandler<D extends StaffApiDeps>(routes: readonly StaffRoute[], getDeps: () => Promise<D>, serve: StaffServe<D>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const route = routeOf(routes, event);
    const request = accessRequestOf(event);
    const complaintId = pathComplaint(event);
    const principal = staffPrincipalOf(event);
    if (!principal) {
      await deps.access.refuse(null, request, { action: route.audit, refusal: 'unauthenticated', ...(complaintId ? { complaintId } : {}) });
      throw new HttpError(401, 'sign in: this route needs a staff token');
    }
    // The role the call is recorded under: the first of the caller's roles that grants the permission.
    const role = roleFor(principal, route.permission);
    if (!role) {
      const actor = { subject: principal.subject, username: principal.username, role: principal.roles[0] ?? 'none' } as const;
      await deps.access.refuse(actor, request, { action: route.audit, refusal: 'forbidden', ...(complaintId ? { complaintId } : {}) });
      throw new HttpError(403, `your role (${principal.roles.join(', ')}) may not ${route.permission}`);
    }
    let detail: AccessDetail = {};
    const call: StaffCall = {
      route: `${route.method} ${route.path}`,
      actor: principal,
      role,
      note: (more) => {
        detail = { ...detail, ...more };
      },
    };
    const response = await serve(event, call, deps);
    if (response.statusCode >= 400) return response;
    await deps.access.record({ subject: principal.subject, username: principal.username, role }, request, accessEvent(route.audit, detail, complaintId));
    return response;
  };
  return middy(base)
    .use(staffCors(async () => (await getDeps()).corsOrigins ?? []))
    .use(httpErrors(async () => (await getDeps()).log));
}
