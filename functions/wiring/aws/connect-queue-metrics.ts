import { ConnectClient } from '@aws-sdk/client-connect';
import * as z from '../../../schemas/zod-mini.ts';
import { connectQueueMetrics } from '../../adapters/connect/queue-metrics.ts';
import type { ReadVoiceQueuesDeps } from '../../core/statistics/read-voice-queues.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { statisticsStore } from './statistics.ts';

const QueueArnsSchema = z.record(z.string(), z.string().check(z.regex(/^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/queue\/[^/]+$/)));

/** The instance and its queues (CONNECT_INSTANCE_ARN, CONNECT_QUEUE_ARNS) and the statistics store. */
export async function connectQueueMetricsDeps(): Promise<ReadVoiceQueuesDeps> {
  const env = readEnvironment(['connectInstanceArn', 'connectQueueArns']);
  const queueArns = QueueArnsSchema.parse(JSON.parse(env.connectQueueArns));
  // A daily read: the SDK's standard retries are enough.
  return { source: connectQueueMetrics({ client: new ConnectClient({}), instanceArn: env.connectInstanceArn, queueArns }), store: statisticsStore(), clock, log };
}
