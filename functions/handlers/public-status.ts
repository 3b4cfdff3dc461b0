import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { lookupStatus, StatusLookupQuerySchema, type StatusLookupDeps, type StatusLookupQuery } from '../core/status-lookup/lookup-status.ts';
import { publicStatusDeps } from '../wiring/aws/public-status.ts';
import { accessRequestOf } from './shared/audit-request.ts';
import { HttpError, httpErrors, json, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';

/** The public route (no account, outside the staff API's /api space: docs/channels/notices.md). */
export const PUBLIC_STATUS_ROUTE = { method: 'GET', path: '/public/status', query: ['receiptNo', 'phoneLast4', 'lang'] } as const;

/**
 * The page calls this from the citizen site's origin; no credentials travel, and the receipt lock
 * bounds guessing whatever page a request comes from, so any origin may read the answer.
 */
const CORS = { 'access-control-allow-origin': '*', vary: 'origin' } as const;

/**
 * GET /public/status?receiptNo=&phoneLast4=&lang=: a citizen's status lookup. 404 for unknown
 * receipts and wrong pairs alike, 429 (Retry-After) for a locked receipt number or a busy source
 * address, 400 for what is not a receipt number or four digits.
 */
export function createPublicStatusHandler(getDeps: () => Promise<StatusLookupDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const params = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter(([, value]) => value !== undefined && value !== ''));
    let query: StatusLookupQuery;
    try {
      query = parseWith(StatusLookupQuerySchema, params, 'query');
    } catch (error) {
      if (error instanceof HttpError) return json(400, { error: 'invalid', message: error.message, details: error.details }, CORS);
      throw error;
    }
    const request = accessRequestOf(event);
    const result = await lookupStatus(deps, { query, requestId: request.requestId, at: request.at, sourceIp: request.sourceIp, route: `${PUBLIC_STATUS_ROUTE.method} ${PUBLIC_STATUS_ROUTE.path}` });
    switch (result.kind) {
      case 'found':
        return json(200, result.view, CORS);
      case 'not_found':
        return json(404, { error: 'not_found', message: 'no complaint with that receipt number and phone number' }, CORS);
      case 'locked':
        return json(429, { error: 'locked', message: 'too many failed lookups of this receipt number; try again later', retryAfterSeconds: result.retryAfterSeconds }, { ...CORS, 'retry-after': String(result.retryAfterSeconds) });
      case 'rate_limited':
        return json(429, { error: 'rate_limited', message: 'too many lookups from this address; try again later', retryAfterSeconds: result.retryAfterSeconds }, { ...CORS, 'retry-after': String(result.retryAfterSeconds) });
      case 'invalid':
        return json(400, { error: 'invalid', message: result.message }, CORS);
    }
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createPublicStatusHandler(lazy(publicStatusDeps));
