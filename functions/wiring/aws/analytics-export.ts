import { AthenaClient } from '@aws-sdk/client-athena';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from '../../../schemas/zod-mini.ts';
import { AthenaViewCatalog } from '../../adapters/export/athena-view-catalog.ts';
import { DynamoTableExports } from '../../adapters/export/dynamodb-table-exports.ts';
import { S3ExportMarkers } from '../../adapters/export/s3-export-markers.ts';
import { S3ExportReader } from '../../adapters/export/s3-export-reader.ts';
import { S3RowSinks } from '../../adapters/export/s3-row-sink.ts';
import type { ExportJobDeps } from '../../core/export/export-job.ts';
import { ANALYTICS_ENV } from '../analytics-env-names.ts';
import { clock, log } from './log-and-clock.ts';


const nonEmpty = z.string().check(z.minLength(1));
const AnalyticsEnvSchema = z.object(Object.fromEntries(Object.values(ANALYTICS_ENV).map((name) => [name, nonEmpty])) as Record<(typeof ANALYTICS_ENV)[keyof typeof ANALYTICS_ENV], typeof nonEmpty>);

export function analyticsSettings(env: NodeJS.ProcessEnv = process.env) {
  const result = AnalyticsEnvSchema.safeParse(env);
  if (!result.success) throw new Error(`missing or empty environment variable(s): ${result.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  const values = result.data;
  return {
    tableArns: { complaints: values[ANALYTICS_ENV.complaintTableArn], audit: values[ANALYTICS_ENV.auditTableArn] },
    exportBucket: values[ANALYTICS_ENV.exportBucket],
    exportKeyArn: values[ANALYTICS_ENV.exportKeyArn],
    analyticsBucket: values[ANALYTICS_ENV.analyticsBucket],
    database: values[ANALYTICS_ENV.glueDatabase],
    workGroup: values[ANALYTICS_ENV.athenaWorkGroup],
  };
}

export async function analyticsExportDeps(): Promise<ExportJobDeps> {
  const settings = analyticsSettings();
  const s3 = new S3Client({});
  return {
    exports: new DynamoTableExports(new DynamoDBClient({}), { tableArns: settings.tableArns, bucket: settings.exportBucket, kmsKeyId: settings.exportKeyArn }),
    reader: new S3ExportReader(s3, settings.exportBucket),
    sinks: new S3RowSinks(s3, settings.analyticsBucket),
    markers: new S3ExportMarkers(s3, settings.exportBucket),
    views: new AthenaViewCatalog(new AthenaClient({}), { workGroup: settings.workGroup, database: settings.database }),
    clock,
    log,
  };
}
