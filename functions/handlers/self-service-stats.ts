import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SelfServiceStatsQuerySchema } from '../../schemas/self-service.ts';
import { SELF_SERVICE_STATS_ROUTES } from '../core/staff/staff-routes.ts';
import { selfServiceStatsDeps } from '../wiring/aws/self-service-stats.ts';
import type { SelfServiceStatsDeps } from '../wiring/deps/self-service-stats.ts';
import { HttpError, json, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';

/** `GET /api/self-service/stats?from=&to=`: the per-KST-day self-service counters (no personal data); every call recorded. */
export function createSelfServiceStatsHandler(getDeps: () => Promise<SelfServiceStatsDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: SelfServiceStatsDeps): Promise<APIGatewayProxyResult> => {
    if (call.route !== 'GET /api/self-service/stats') throw new HttpError(404, `no route ${call.route}`);
    const range = parseWith(SelfServiceStatsQuerySchema, event.queryStringParameters ?? {}, 'query');
    return json(200, await deps.stats.dayStats(range));
  };
  return staffApiHandler(SELF_SERVICE_STATS_ROUTES, getDeps, base);
}

export const handler = createSelfServiceStatsHandler(lazy(selfServiceStatsDeps));
