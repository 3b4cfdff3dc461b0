import type { SelfServiceStatsDeps } from '../deps/self-service-stats.ts';
import { buildSelfServiceStats } from '../self-service-stats.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';

export async function selfServiceStatsDeps(): Promise<SelfServiceStatsDeps> {
  const { tableName } = readEnvironment(['tableName']);
  return { log, stats: buildSelfServiceStats({ documentClient: documentClient(), tableName, clock, log }) };
}
