import { describe, expect, it } from 'vitest';
import { complaintToItem } from '../../../functions/adapters/dynamodb/item-mappers.ts';
import type { ItemVersion } from '../../../functions/core/export/export-rows.ts';
import type { ExportSource } from '../../../functions/core/export/export-tables.ts';
import { runExportJob, type ExportJobDeps } from '../../../functions/core/export/export-job.ts';
import type { ExportMarker, ExportRequest, ExportState } from '../../../functions/core/export/ports.ts';
import type { ExportRow } from '../../../functions/core/export/project-item.ts';
import { complaintFixture } from '../../support/complaint-fixture.ts';
import { ManualClock } from '../../support/in-memory-ports.ts';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** DynamoDB exports, the job's markers, the analytics bucket and the catalog, in memory. */
function fakes(clock: ManualClock) {
  const requests: Array<{ source: ExportSource; request: ExportRequest; arn: string }> = [];
  const states = new Map<string, ExportState>();
  const markers = new Map<string, ExportMarker>();
  const written = new Map<string, ExportRow[]>();
  const viewStatements: string[][] = [];
  const deps: ExportJobDeps = {
    clock,
    log: quiet,
    exports: {
      start: async (source, request) => {
        const existing = requests.find((r) => r.request.clientToken === request.clientToken);
        if (existing) return existing.arn;
        const arn = `arn:aws:dynamodb:ap-northeast-2:111122223333:table/${source}/export/0${requests.length}-abc`;
        requests.push({ source, request, arn });
        states.set(arn, { exportArn: arn, status: 'IN_PROGRESS', ...(request.kind === 'full' ? { exportTime: request.at } : {}) });
        return arn;
      },
      describe: async (arn) => states.get(arn)!,
    },
    reader: {
      async *versions(source: ExportSource): AsyncIterable<ItemVersion> {
        if (source === 'complaints') yield { kind: 'item', item: complaintToItem(complaintFixture({ complaintId: 'cmp_1' })), versionUs: 1 };
      },
    },
    sinks: {
      forExport: (exportId) => ({
        append: async (table, rows) => void written.set(`${table.versions}/${exportId}`, [...(written.get(`${table.versions}/${exportId}`) ?? []), ...rows]),
        close: async () => undefined,
      }),
    },
    markers: {
      get: async (source, name) => markers.get(`${source}/${name}`) ?? null,
      put: async (source, name, marker) => void markers.set(`${source}/${name}`, marker),
    },
    views: { ensureViews: async (statements) => void viewStatements.push([...statements]) },
  };
  const complete = () => {
    for (const [arn, state] of states) if (state.status === 'IN_PROGRESS') states.set(arn, { ...state, status: 'COMPLETED' });
  };
  return { deps, requests, states, markers, written, viewStatements, complete };
}

describe('export job', () => {
  it('first run: a full export of each table at the start of the current KST day, and the five views', async () => {
    const clock = new ManualClock('2026-03-02T01:00:00.000Z'); // 10:00 KST, March 2nd
    const world = fakes(clock);
    const result = await runExportJob(world.deps);
    expect(result.started).toEqual(['complaints/baseline', 'audit/baseline']);
    expect(world.requests.map((r) => r.request)).toEqual([
      expect.objectContaining({ kind: 'full', at: new Date('2026-03-01T15:00:00.000Z') }),
      expect.objectContaining({ kind: 'full', at: new Date('2026-03-01T15:00:00.000Z') }),
    ]);
    expect(world.viewStatements[0]).toHaveLength(5);
    expect(result.transformed).toEqual([]);
  });

  it('transforms a completed export once, then each ended day gets one incremental export of exactly that KST day', async () => {
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const world = fakes(clock);
    await runExportJob(world.deps);
    world.complete();
    clock.set('2026-03-03T00:00:00.000Z'); // 09:00 KST, March 3rd: March 2nd has ended
    const second = await runExportJob(world.deps);
    expect(second.started).toEqual(['complaints/2026-03-02', 'audit/2026-03-02']);
    expect(second.transformed).toEqual(['complaints/baseline', 'audit/baseline']);
    expect(world.requests[2]?.request).toMatchObject({ kind: 'incremental', from: new Date('2026-03-01T15:00:00.000Z'), to: new Date('2026-03-02T15:00:00.000Z') });
    expect([...world.written.keys()]).toEqual(['complaint_versions/00-abc']);
    expect(world.markers.get('complaints/baseline')).toMatchObject({ state: 'transformed', rows: { complaint_versions: 1, message_versions: 0, status_event_versions: 0, reply_versions: 0 } });

    const third = await runExportJob(world.deps);
    expect(third).toEqual({ started: [], transformed: [], failed: [] });
    world.complete();
    expect((await runExportJob(world.deps)).transformed).toEqual(['complaints/2026-03-02', 'audit/2026-03-02']);
  });

  it('catches up days the job missed, never before the baseline day', async () => {
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const world = fakes(clock);
    await runExportJob(world.deps);
    clock.set('2026-03-06T01:00:00.000Z');
    const result = await runExportJob(world.deps);
    expect(result.started.filter((name) => name.startsWith('complaints/'))).toEqual(['complaints/2026-03-02', 'complaints/2026-03-03', 'complaints/2026-03-04', 'complaints/2026-03-05']);
  });

  it('marks a failed export and fails the run (its alarm fires) until someone removes the marker', async () => {
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const world = fakes(clock);
    await runExportJob(world.deps);
    const arn = world.requests[0]!.arn;
    world.states.set(arn, { exportArn: arn, status: 'FAILED', failure: 'S3 access denied' });
    await expect(runExportJob(world.deps)).rejects.toThrow('exports failed: complaints/baseline');
    expect(world.markers.get('complaints/baseline')).toMatchObject({ state: 'failed', failure: 'S3 access denied' });
    await expect(runExportJob(world.deps)).rejects.toThrow('complaints/baseline');
  });
});
