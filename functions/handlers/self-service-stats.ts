import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SelfServiceStatsQuerySchema } from '../../schemas/self-service.ts';
import { SELF_SERVICE_STATS_ROUTES } from '../core/staff/staff-routes.ts';
import { selfServiceStatsDeps } from '../wiring/aws/self-service-stats.ts';
import type { SelfServiceStatsDeps } from '../wiring/deps/self-service-stats.ts';
import { HttpError, httpErrors, json, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffCall } from './shared/staff-router.ts';

/** `GET /api/self-service/stats?from=&to=`: the per-KST-day self-service counters (no personal data). */
export function createSelfServiceStatsHandler(getDeps: () => Promise<SelfServiceStatsDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const call = staffCall(SELF_SERVICE_STATS_ROUTES, event);
    if (call.route !== 'GET /api/self-service/stats') throw new HttpError(404, `no route ${call.route}`);
    const range = parseWith(SelfServiceStatsQuerySchema, event.queryStringParameters ?? {}, 'query');
    return json(200, await deps.stats.dayStats(range));
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createSelfServiceStatsHandler(lazy(selfServiceStatsDeps));
