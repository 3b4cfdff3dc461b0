import { ConnectClient, GetMetricDataV2Command } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { connectQueueMetrics, QUEUE_METRICS } from '../../../functions/adapters/connect/queue-metrics.ts';
import { readVoiceQueueDay } from '../../../functions/core/statistics/read-voice-queues.ts';
import type { VoiceQueueDay } from '../../../functions/core/statistics/voice-queues.ts';
import { statisticsCsv } from '../../../functions/core/statistics/statistics-csv.ts';
import { statisticsFromRollups, statisticsRange } from '../../../functions/core/statistics/statistics-report.ts';
import { CapturingLog, ManualClock } from '../../support/in-memory-ports.ts';

const INSTANCE = 'arn:aws:connect:ap-northeast-2:123456789012:instance/11111111-2222-3333-4444-555555555555';
const queue = (id: string) => `${INSTANCE}/queue/${id}`;
const QUEUES = { ko: queue('q-ko'), en: queue('q-en') };
const connect = mockClient(ConnectClient);
afterEach(() => connect.reset());

const metric = (Name: string, Value?: number) => ({ Metric: { Name }, ...(Value === undefined ? {} : { Value }) });

function memoryStore() {
  const days = new Map<string, VoiceQueueDay>();
  return {
    days,
    async writeVoiceDay(day: VoiceQueueDay) {
      days.set(day.day, day);
    },
    async readVoiceDays(wanted: readonly string[]) {
      return new Map([...days].filter(([day]) => wanted.includes(day)));
    },
  };
}

describe('Amazon Connect queue metrics into the statistics', () => {
  it('asks GetMetricDataV2 for the KST day, the gateway’s queues and voice, grouped by queue, and follows the pages', async () => {
    connect
      .on(GetMetricDataV2Command)
      .resolvesOnce({
        MetricResults: [{ Dimensions: { QUEUE: 'q-ko' }, Collections: [metric('CONTACTS_HANDLED', 180), metric('CONTACTS_QUEUED', 200), metric('CONTACTS_ABANDONED', 20), metric('ABANDONMENT_RATE', 10), metric('AVG_QUEUE_ANSWER_TIME', 42.5)] }],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        MetricResults: [
          { Dimensions: { QUEUE: 'q-en' }, Collections: [metric('CONTACTS_HANDLED', 0), metric('CONTACTS_QUEUED', 0), metric('CONTACTS_ABANDONED', 0), metric('ABANDONMENT_RATE'), metric('AVG_QUEUE_ANSWER_TIME')] },
          { Dimensions: { QUEUE: 'q-not-ours' }, Collections: [metric('CONTACTS_HANDLED', 9)] },
        ],
      });
    const store = memoryStore();
    const clock = new ManualClock('2026-05-12T01:00:00.000Z');
    const day = await readVoiceQueueDay({ source: connectQueueMetrics({ client: new ConnectClient({}), instanceArn: INSTANCE, queueArns: QUEUES }), store, clock, log: new CapturingLog() }, '2026-05-11');

    const calls = connect.commandCalls(GetMetricDataV2Command);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toEqual({
      ResourceArn: INSTANCE,
      StartTime: new Date('2026-05-10T15:00:00.000Z'),
      EndTime: new Date('2026-05-11T15:00:00.000Z'),
      Filters: [
        { FilterKey: 'QUEUE', FilterValues: [QUEUES.ko, QUEUES.en] },
        { FilterKey: 'CHANNEL', FilterValues: ['VOICE'] },
      ],
      Groupings: ['QUEUE'],
      Metrics: QUEUE_METRICS.map((Name) => ({ Name })),
    });
    expect(calls[1]?.args[0].input.NextToken).toBe('page-2');
    expect(day.queues).toEqual({
      ko: { handled: 180, queued: 200, abandoned: 20, abandonmentRate: 10, avgQueueAnswerSeconds: 42.5 },
      en: { handled: 0, queued: 0, abandoned: 0, abandonmentRate: null, avgQueueAnswerSeconds: null },
    });
    expect(store.days.get('2026-05-11')).toEqual(day);
  });

  it('refuses a day that is not over in Seoul yet', async () => {
    const clock = new ManualClock('2026-05-11T14:59:00.000Z');
    await expect(readVoiceQueueDay({ source: { queueFigures: async () => ({}) }, store: memoryStore(), clock, log: new CapturingLog() }, '2026-05-11')).rejects.toThrow(RangeError);
  });

  it('shows the queues over a range with counts summed and the rate recomputed from them', async () => {
    const store = memoryStore();
    await store.writeVoiceDay({ day: '2026-05-11', readAt: 'x', queues: { ko: { handled: 90, queued: 100, abandoned: 10, abandonmentRate: 10, avgQueueAnswerSeconds: 30 } } });
    await store.writeVoiceDay({ day: '2026-05-12', readAt: 'x', queues: { ko: { handled: 270, queued: 300, abandoned: 30, abandonmentRate: 10, avgQueueAnswerSeconds: 50 } } });
    const rollups = { readRollups: async () => new Map() } as unknown as Parameters<typeof statisticsFromRollups>[0]['store'];
    const report = await statisticsFromRollups({ store: rollups, voice: store }, statisticsRange({ from: '2026-05-11', to: '2026-05-12' }, new ManualClock()));
    expect(report.total.voiceQueues).toEqual({ available: true, days: 2, queues: { ko: { handled: 360, queued: 400, abandoned: 40, abandonmentRate: 10, avgQueueAnswerSeconds: 45 } } });
    expect(statisticsCsv(report)).toContain('total,voiceQueues.ko,handled,360');
  });
});
