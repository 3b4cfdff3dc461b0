import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { accessRecorder, type AuditApiDeps } from '../core/audit/deps.ts';
import { InvalidAuditQueryError } from '../core/audit/errors.ts';
import { listAccessRecords } from '../core/audit/list-records.ts';
import { AUDIT_ROLES, type AuditAction, type AuditActor, type AuditRole, type Refusal } from '../core/audit/model.ts';
import { monthlyReview } from '../core/audit/monthly-review.ts';
import { verifyDay } from '../core/audit/verify-day.ts';
import { auditApiDeps } from '../wiring/aws/audit-lambda.ts';
import { accessRequestOf } from './shared/audit-request.ts';
import { HttpError, httpErrors, json } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';

/** Who calls, as the API established it; or why the call is refused (401 nobody, 403 wrong role). */
export type AuditCaller = (event: APIGatewayProxyEvent) => { readonly actor: AuditActor } | { readonly refused: Refusal; readonly actor: AuditActor | null; readonly message: string };

/** The routes, the action each is recorded as, and the query parameters API Gateway passes on. */
export const AUDIT_API_ROUTES = {
  'GET /api/audit': { action: 'audit.read', query: ['from', 'to', 'actor', 'action', 'complaintId', 'cursor', 'limit'] },
  'GET /api/audit/verify': { action: 'audit.verify', query: ['day'] },
  'GET /api/audit/review': { action: 'audit.review', query: ['month'] },
} as const satisfies Record<string, { action: AuditAction; query: readonly string[] }>;

type AuditRoute = keyof typeof AUDIT_API_ROUTES;

function isAuditRoute(value: string): value is AuditRoute {
  return value in AUDIT_API_ROUTES;
}

const ROLES_CLAIM = /^[a-z,]*$/;

/**
 * Until the staff router (staff sign-in) is wired in, the caller comes from the staff authorizer's
 * context (staffSubject, staffUsername, staffRoles); only auditors read the trail. The lead replaces
 * this with the shared staff router's check: the handler only needs an AuditCaller.
 */
export const auditorFromAuthorizer: AuditCaller = (event) => {
  const context = event.requestContext.authorizer ?? {};
  const subject = typeof context.staffSubject === 'string' ? context.staffSubject : '';
  const username = typeof context.staffUsername === 'string' ? context.staffUsername : '';
  const rolesClaim = typeof context.staffRoles === 'string' && ROLES_CLAIM.test(context.staffRoles) ? context.staffRoles : '';
  const roles = rolesClaim.split(',').filter((role): role is AuditRole => (AUDIT_ROLES as readonly string[]).includes(role));
  const [first] = roles;
  if (!subject || !username || !first) return { refused: 'unauthenticated', actor: null, message: 'sign in: this route needs a staff token' };
  if (!roles.includes('auditor')) return { refused: 'forbidden', actor: { subject, username, role: first }, message: `your role (${roles.join(', ')}) may not read the audit trail` };
  return { actor: { subject, username, role: 'auditor' } };
};

/**
 * The auditor's API over the access records: list them, verify a day's chains against its
 * digest, the monthly review. Each call is itself recorded (audit.read / .verify / .review) after
 * its answer is computed and before it is returned, so no answer leaves without its record; a
 * refused call is recorded as refused.
 */
export function createAuditApiHandler(getDeps: () => Promise<AuditApiDeps>, caller: AuditCaller = auditorFromAuthorizer) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const route = `${event.httpMethod} ${event.resource.replace(/^\/iam(?=\/)/, '')}`;
    if (!isAuditRoute(route)) throw new HttpError(404, `no route ${event.httpMethod} ${event.resource}`);
    const { action } = AUDIT_API_ROUTES[route];
    const recorder = accessRecorder(deps.audit);
    const request = accessRequestOf(event);
    const who = caller(event);
    if ('refused' in who) {
      await recorder.refuse(who.actor, request, { action, refusal: who.refused });
      throw new HttpError(who.refused === 'unauthenticated' ? 401 : 403, who.message);
    }
    const query = event.queryStringParameters ?? {};
    try {
      switch (route) {
        case 'GET /api/audit': {
          const listing = await listAccessRecords(deps.audit, query);
          await recorder.record(who.actor, request, { action, resultCount: listing.records.length });
          return json(200, listing);
        }
        case 'GET /api/audit/verify': {
          const report = await verifyDay(deps.audit, query.day);
          await recorder.record(who.actor, request, { action });
          return json(200, report);
        }
        case 'GET /api/audit/review': {
          const review = await monthlyReview(deps.audit, query.month);
          await recorder.record(who.actor, request, { action, resultCount: review.actors.length });
          return json(200, review);
        }
      }
    } catch (error) {
      if (error instanceof InvalidAuditQueryError) throw new HttpError(400, 'invalid query', error.issues);
      throw error;
    }
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createAuditApiHandler(lazy(auditApiDeps));
