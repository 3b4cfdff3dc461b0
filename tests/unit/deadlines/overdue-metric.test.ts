import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DEADLINE_METRICS, emfDeadlineMetrics } from '../../../functions/adapters/deadlines/emf-deadline-metrics.ts';
import type { OverdueComplaintIndex } from '../../../functions/core/deadlines/ports.ts';
import { workingCalendar } from '../../../functions/core/deadlines/working-time.ts';
import { createOverdueMetricHandler } from '../../../functions/handlers/overdue-metric.ts';
import { CapturingLog, ManualClock } from '../../support/in-memory-ports.ts';

function run(overdue: number, holidays: string[]) {
  const lines: string[] = [];
  const asked: string[] = [];
  const index: OverdueComplaintIndex = {
    listOverdue: async () => ({ items: [] }),
    countOverdue: async (now) => (asked.push(now), overdue),
  };
  const log = new CapturingLog();
  const handler = createOverdueMetricHandler(async () => ({
    overdue: index,
    calendar: workingCalendar(holidays),
    clock: new ManualClock('2027-12-01T00:00:00.000Z'),
    log,
    metrics: emfDeadlineMetrics('prod', (line) => lines.push(line)),
  }));
  return { result: handler({}, {} as Context), lines, asked, log };
}

describe('overdue metric function', () => {
  it('counts overdue complaints at the clock\'s time and emits the count as an EMF metric of the stage', async () => {
    const { result, lines, asked } = run(3, ['2027-01-01', '2028-01-01']);
    await expect(result).resolves.toEqual({ at: '2027-12-01T00:00:00.000Z', overdue: 3, uncoveredYears: [] });
    expect(asked).toEqual(['2027-12-01T00:00:00.000Z']);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      {
        _aws: {
          Timestamp: Date.parse('2027-12-01T00:00:00.000Z'),
          CloudWatchMetrics: [
            {
              Namespace: DEADLINE_METRICS.namespace,
              Dimensions: [['Stage']],
              Metrics: [
                { Name: 'OverdueOpenComplaints', Unit: 'Count' },
                { Name: 'HolidayTableMissingYears', Unit: 'Count' },
              ],
            },
          ],
        },
        Stage: 'prod',
        OverdueOpenComplaints: 3,
        HolidayTableMissingYears: 0,
      },
    ]);
  });

  it('warns, and counts, when the holiday table does not reach next year', async () => {
    const { result, lines, log } = run(0, ['2027-01-01']);
    await expect(result).resolves.toMatchObject({ uncoveredYears: [2028] });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ HolidayTableMissingYears: 1, OverdueOpenComplaints: 0 });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', attributes: { years: [2028] } }));
  });
});
