import { GetMetricDataV2Command, type ConnectClient, type MetricResultV2 } from '@aws-sdk/client-connect';
import type { QueueMetricsSource } from '../../core/statistics/read-voice-queues.ts';
import type { VoiceQueueFigures } from '../../core/statistics/voice-queues.ts';

/**
 * The metrics read per queue (Amazon Connect API Reference, GetMetricDataV2, "Metrics"):
 * CONTACTS_HANDLED, CONTACTS_QUEUED, CONTACTS_ABANDONED (counts), ABANDONMENT_RATE (percent),
 * AVG_QUEUE_ANSWER_TIME (seconds); all valid with the Queue grouping and filter.
 */
export const QUEUE_METRICS = ['CONTACTS_HANDLED', 'CONTACTS_QUEUED', 'CONTACTS_ABANDONED', 'ABANDONMENT_RATE', 'AVG_QUEUE_ANSWER_TIME'] as const;

/**
 * GetMetricDataV2 on the instance, filtered to the gateway's queues (the QUEUE filter is one of
 * the resource filters a request must carry, and what IAM authorizes on) and the voice channel,
 * grouped by queue, over one interval (TOTAL, the default). Pages are followed with NextToken.
 */
export function connectQueueMetrics(options: { client: ConnectClient; instanceArn: string; queueArns: Readonly<Record<string, string>> }): QueueMetricsSource {
  const keyOf = new Map<string, string>();
  for (const [key, arn] of Object.entries(options.queueArns)) {
    keyOf.set(arn, key);
    keyOf.set(arn.slice(arn.lastIndexOf('/') + 1), key);
  }
  return {
    async queueFigures(start, end) {
      const out: Record<string, VoiceQueueFigures> = {};
      let nextToken: string | undefined;
      do {
        const page = await options.client.send(
          new GetMetricDataV2Command({
            ResourceArn: options.instanceArn,
            StartTime: start,
            EndTime: end,
            Filters: [
              { FilterKey: 'QUEUE', FilterValues: Object.values(options.queueArns) },
              { FilterKey: 'CHANNEL', FilterValues: ['VOICE'] },
            ],
            Groupings: ['QUEUE'],
            Metrics: QUEUE_METRICS.map((Name) => ({ Name })),
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        );
        for (const result of page.MetricResults ?? []) {
          const queue = keyOf.get(result.Dimensions?.QUEUE ?? '');
          if (queue) out[queue] = figuresOf(result);
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return out;
    },
  };
}

function figuresOf(result: MetricResultV2): VoiceQueueFigures {
  const value = (name: (typeof QUEUE_METRICS)[number]): number | null => {
    const found = result.Collections?.find((c) => c.Metric?.Name === name)?.Value;
    return typeof found === 'number' && Number.isFinite(found) ? found : null;
  };
  return {
    handled: value('CONTACTS_HANDLED') ?? 0,
    queued: value('CONTACTS_QUEUED') ?? 0,
    abandoned: value('CONTACTS_ABANDONED') ?? 0,
    // Null when Connect could not compute it (no contacts: a division by zero).
    abandonmentRate: value('ABANDONMENT_RATE'),
    avgQueueAnswerSeconds: value('AVG_QUEUE_ANSWER_TIME'),
  };
}
