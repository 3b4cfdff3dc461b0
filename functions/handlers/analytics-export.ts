import middy from '@middy/core';
import { runExportJob, type ExportJobDeps, type ExportJobResult } from '../core/export/export-job.ts';
import { analyticsExportDeps } from '../wiring/aws/analytics-export.ts';
import { lazy } from './shared/lazy.ts';

/**
 * EventBridge Scheduler target (hourly): starts the day's DynamoDB exports of the complaint and
 * audit tables and turns every completed one into the masked rows auditors query with Athena
 * (docs/adr/0021-sql-over-exports.md). A failed export fails the invocation, so its alarm fires.
 */
export function createAnalyticsExportHandler(getDeps: () => Promise<ExportJobDeps>) {
  return middy(async (): Promise<ExportJobResult> => {
    const deps = await getDeps();
    const result = await runExportJob(deps);
    deps.log.info('export job ran', { started: result.started, transformed: result.transformed });
    return result;
  });
}

export const handler = createAnalyticsExportHandler(lazy(analyticsExportDeps));
