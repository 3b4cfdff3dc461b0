import { DEADLINE_METRICS_STAGE_ENV, emfDeadlineMetrics } from '../../adapters/deadlines/emf-deadline-metrics.ts';
import { DynamoOverdueComplaints } from '../../adapters/dynamodb/overdue-complaints.ts';
import type { OverdueMetricDeps } from '../deps/overdue-metric.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { stageCalendar } from './working-calendar.ts';

export async function overdueMetricDeps(): Promise<OverdueMetricDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const stage = process.env[DEADLINE_METRICS_STAGE_ENV];
  if (!stage) throw new Error(`missing or empty environment variable(s): ${DEADLINE_METRICS_STAGE_ENV}`);
  return { overdue: new DynamoOverdueComplaints(documentClient(), tableName), calendar: stageCalendar(), clock, log, metrics: emfDeadlineMetrics(stage) };
}
