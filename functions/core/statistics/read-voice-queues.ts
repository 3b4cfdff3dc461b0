import { kstDayStart } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { VoiceQueueMetricsStore } from './ports.ts';
import type { VoiceQueueDay, VoiceQueueFigures } from './voice-queues.ts';

/** Amazon Connect's historical queue metrics (GetMetricDataV2 in AWS). */
export interface QueueMetricsSource {
  /** Figures per queue key over [start, end). */
  queueFigures(start: Date, end: Date): Promise<Record<string, VoiceQueueFigures>>;
}

export interface ReadVoiceQueuesDeps {
  source: QueueMetricsSource;
  store: VoiceQueueMetricsStore;
  clock: Clock;
  log: Log;
}

/**
 * Reads a finished KST day's queue metrics from Amazon Connect into the day's statistics
 * (replacing what an earlier read stored: Connect's own figures settle after the day).
 */
export async function readVoiceQueueDay(deps: ReadVoiceQueuesDeps, day: string): Promise<VoiceQueueDay> {
  const start = kstDayStart(day);
  const end = new Date(start.getTime() + 86_400_000);
  if (end.getTime() > deps.clock.now().getTime()) throw new RangeError(`${day} is not over yet (KST): its queue metrics are read the day after`);
  const snapshot: VoiceQueueDay = { day, readAt: deps.clock.now().toISOString(), queues: await deps.source.queueFigures(start, end) };
  await deps.store.writeVoiceDay(snapshot);
  deps.log.info('voice queue metrics read', { day, queues: Object.keys(snapshot.queues).length });
  return snapshot;
}
