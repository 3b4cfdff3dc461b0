import { DynamoStatisticsStore } from '../../adapters/dynamodb/statistics-store.ts';
import { createStatisticsSources } from '../../adapters/dynamodb/statistics-sources.ts';
import type { ReconcileDeps } from '../../core/statistics/reconcile-day.ts';
import type { RollUpDeps } from '../../core/statistics/roll-up-event.ts';
import type { StatisticsApiDeps } from '../deps/statistics-api.ts';
import { ENV } from '../env-names.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { staffAppOrigins } from './staff-app-origin.ts';

let store: DynamoStatisticsStore | undefined;

export function statisticsStore(): DynamoStatisticsStore {
  const { tableName } = readEnvironment(['tableName']);
  store ??= new DynamoStatisticsStore(documentClient(), tableName);
  return store;
}

function sources() {
  const { tableName } = readEnvironment(['tableName']);
  return createStatisticsSources(documentClient(), tableName);
}

export async function statisticsApiDeps(): Promise<StatisticsApiDeps> {
  // Connect's queue metrics exist where the stage has voice (CDK sets STATISTICS_VOICE_METRICS=on).
  const voice = process.env[ENV.statisticsVoiceMetrics] === 'on' ? statisticsStore() : null;
  return { log, clock, access: lambdaAccessRecorder(), corsOrigins: staffAppOrigins(), rollups: { store: statisticsStore(), voice } };
}

export async function statisticsRollupDeps(): Promise<RollUpDeps> {
  return { store: statisticsStore(), sources: sources(), clock, log };
}

export async function statisticsReconcileDeps(): Promise<ReconcileDeps> {
  return { store: statisticsStore(), sources: sources(), clock, log };
}
