import middy from '@middy/core';
import { kstDay } from '../core/kst.ts';
import { readVoiceQueueDay, type ReadVoiceQueuesDeps } from '../core/statistics/read-voice-queues.ts';
import type { VoiceQueueDay } from '../core/statistics/voice-queues.ts';
import { connectQueueMetricsDeps } from '../wiring/aws/connect-queue-metrics.ts';
import { lazy } from './shared/lazy.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Daily (EventBridge Scheduler): yesterday's Amazon Connect queue metrics into the statistics; `day` re-reads another. */
export function createConnectQueueMetricsHandler(getDeps: () => Promise<ReadVoiceQueuesDeps>) {
  return middy(async (event: { day?: string } | null): Promise<VoiceQueueDay> => {
    const deps = await getDeps();
    const day = event?.day ?? kstDay(new Date(deps.clock.now().getTime() - 86_400_000));
    if (!DAY.test(day)) throw new RangeError('day must be YYYY-MM-DD');
    return readVoiceQueueDay(deps, day);
  });
}

export const handler = createConnectQueueMetricsHandler(lazy(connectQueueMetricsDeps));
