import type { SelfServiceStatsDeps } from '../deps/self-service-stats.ts';
import { buildSelfServiceStats } from '../self-service-stats.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { staffAppOrigins } from './staff-app-origin.ts';

export async function selfServiceStatsDeps(): Promise<SelfServiceStatsDeps> {
  const { tableName } = readEnvironment(['tableName']);
  return {
    log,
    access: lambdaAccessRecorder(),
    corsOrigins: staffAppOrigins(),
    stats: buildSelfServiceStats({ documentClient: documentClient(), tableName, clock, log }),
  };
}
