import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { AuditApiDeps } from '../wiring/deps/audit-api.ts';
import { InvalidAuditQueryError } from '../core/audit/errors.ts';
import { listAccessRecords } from '../core/audit/list-records.ts';
import { monthlyReview } from '../core/audit/monthly-review.ts';
import { verifyDay } from '../core/audit/verify-day.ts';
import { AUDIT_API_ROUTES } from '../core/staff/staff-routes.ts';
import { auditApiDeps } from '../wiring/aws/audit-lambda.ts';
import { HttpError, json } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';

/**
 * The auditor's API over the access records: list them, verify a day's chains against its
 * digest, the monthly review (STAFF_APIS.audit: auditors only). As on every staff route, each
 * call is itself recorded (audit.read / .verify / .review) after its answer is computed and
 * before it is returned, and a refused call is recorded as refused.
 */
export function createAuditApiHandler(getDeps: () => Promise<AuditApiDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: AuditApiDeps): Promise<APIGatewayProxyResult> => {
    const query = event.queryStringParameters ?? {};
    try {
      switch (call.route) {
        case 'GET /api/audit': {
          const listing = await listAccessRecords(deps.audit, query);
          call.note({ resultCount: listing.records.length });
          return json(200, listing);
        }
        case 'GET /api/audit/verify':
          return json(200, await verifyDay(deps.audit, query.day));
        case 'GET /api/audit/review': {
          const review = await monthlyReview(deps.audit, query.month);
          call.note({ resultCount: review.actors.length });
          return json(200, review);
        }
        default:
          throw new HttpError(404, `no route ${call.route}`);
      }
    } catch (error) {
      if (error instanceof InvalidAuditQueryError) throw new HttpError(400, 'invalid query', error.issues);
      throw error;
    }
  };
  return staffApiHandler(AUDIT_API_ROUTES, getDeps, base);
}

export const handler = createAuditApiHandler(lazy(auditApiDeps));
