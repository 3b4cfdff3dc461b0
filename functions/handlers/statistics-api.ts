import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { InvalidQueryError } from '../core/errors.ts';
import { STATISTICS_API_ROUTES } from '../core/staff/staff-routes.ts';
import { statisticsCsv } from '../core/statistics/statistics-csv.ts';
import { statisticsFromRollups, statisticsRange } from '../core/statistics/statistics-report.ts';
import { statisticsApiDeps } from '../wiring/aws/statistics.ts';
import type { StatisticsApiDeps } from '../wiring/deps/statistics-api.ts';
import { HttpError, json } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';

/**
 * Supervisors' and auditors' statistics: the figures of a range of KST days from the rollups
 * (docs/operations/statistics.md), as JSON (recorded as statistics.read) or as a CSV download
 * (statistics.download).
 */
export function createStatisticsApiHandler(getDeps: () => Promise<StatisticsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: StatisticsApiDeps): Promise<APIGatewayProxyResult> => {
    let range;
    try {
      range = statisticsRange({ from: event.queryStringParameters?.from, to: event.queryStringParameters?.to }, deps.clock);
    } catch (error) {
      if (error instanceof InvalidQueryError) throw new HttpError(400, 'invalid query', error.issues);
      throw error;
    }
    const report = await statisticsFromRollups(deps.rollups, range);
    if (call.route === 'GET /api/statistics') return json(200, report);
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="statistics-${range.from}-${range.to}.csv"`,
        'cache-control': 'no-store',
      },
      body: statisticsCsv(report),
    };
  };
  return staffApiHandler(STATISTICS_API_ROUTES, getDeps, base);
}

export const handler = createStatisticsApiHandler(lazy(statisticsApiDeps));
