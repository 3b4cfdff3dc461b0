import { createHash } from 'node:crypto';
import { kstDay, kstDayStart } from '../kst.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { exportRows } from './export-rows.ts';
import { EXPORT_TABLES, type ExportSource } from './export-tables.ts';
import type { ExportMarker, ExportMarkers, ExportReader, ExportRequest, RowSinkFactory, TableExports, ViewCatalog } from './ports.ts';
import { latestVersionViewSql } from './views-sql.ts';

export interface ExportJobDeps {
  readonly exports: TableExports;
  readonly reader: ExportReader;
  readonly sinks: RowSinkFactory;
  readonly markers: ExportMarkers;
  readonly views: ViewCatalog;
  readonly clock: Clock;
  readonly log: Log;
  /** How many ended KST days back a missed export is still caught up (PITR keeps 35). */
  readonly catchUpDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BASELINE = 'baseline';
const SOURCES: readonly ExportSource[] = ['complaints', 'audit'];

/** The same request always carries the same token, so a retried start is one export (DynamoDB keeps it 8 hours). */
const token = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 64);
const addDays = (day: string, days: number) => kstDay(new Date(kstDayStart(day).getTime() + days * DAY_MS));
const exportIdOf = (exportArn: string) => exportArn.slice(exportArn.lastIndexOf('/') + 1);

export interface ExportJobResult {
  readonly started: string[];
  readonly transformed: string[];
  readonly failed: string[];
}

/**
 * One run of the export job (hourly). Per source table:
 * 1. the first run starts a full export at the start of the current KST day (the baseline);
 *    afterwards each ended KST day since the baseline gets one incremental export of exactly that
 *    day (DynamoDB allows windows of 15 minutes to 24 hours), caught up for `catchUpDays` days;
 * 2. every export it started that has completed is projected (masked, allow-listed columns) into
 *    the analytics bucket, once; a failed one is marked and fails the run, so the alarm fires.
 * The auditor views are created or replaced first (idempotent DDL).
 */
export async function runExportJob(deps: ExportJobDeps): Promise<ExportJobResult> {
  await deps.views.ensureViews(EXPORT_TABLES.map(latestVersionViewSql));
  const result: ExportJobResult = { started: [], transformed: [], failed: [] };
  const today = kstDay(deps.clock.now());
  for (const source of SOURCES) {
    const names = await startDue(deps, source, today, result);
    for (const name of names) await transformIfDone(deps, source, name, result);
  }
  if (result.failed.length > 0) throw new Error(`exports failed: ${result.failed.join(', ')}`);
  return result;
}

/** Starts what is due and returns every marker name of the window the job still looks at. */
async function startDue(deps: ExportJobDeps, source: ExportSource, today: string, result: ExportJobResult): Promise<string[]> {
  const baseline = await deps.markers.get(source, BASELINE);
  if (!baseline) {
    const at = kstDayStart(today);
    await start(deps, source, BASELINE, { kind: 'full', at, clientToken: token(source, 'full', at.toISOString()) }, result);
    return [BASELINE];
  }
  const names = [BASELINE];
  // Incrementals begin where the snapshot was taken: the start of the day the first run happened.
  const baselineDay = kstDay(baseline.from);
  for (let back = deps.catchUpDays ?? 7; back >= 1; back -= 1) {
    const day = addDays(today, -back);
    if (day < baselineDay) continue;
    names.push(day);
    if (await deps.markers.get(source, day)) continue;
    const from = kstDayStart(day);
    const to = kstDayStart(addDays(day, 1));
    await start(deps, source, day, { kind: 'incremental', from, to, clientToken: token(source, 'incremental', from.toISOString(), to.toISOString()) }, result);
  }
  return names;
}

async function start(deps: ExportJobDeps, source: ExportSource, name: string, request: ExportRequest, result: ExportJobResult): Promise<void> {
  const exportArn = await deps.exports.start(source, request);
  const from = request.kind === 'full' ? request.at : request.from;
  await deps.markers.put(source, name, { exportArn, state: 'started', kind: request.kind, from: from.toISOString() });
  deps.log.info('export started', { source, name, kind: request.kind, exportArn });
  result.started.push(`${source}/${name}`);
}

async function transformIfDone(deps: ExportJobDeps, source: ExportSource, name: string, result: ExportJobResult): Promise<void> {
  const marker = await deps.markers.get(source, name);
  if (!marker || marker.state === 'transformed') return;
  if (marker.state === 'failed') {
    result.failed.push(`${source}/${name}`);
    return;
  }
  const state = await deps.exports.describe(marker.exportArn);
  if (state.status === 'IN_PROGRESS') return;
  if (state.status === 'FAILED') {
    await deps.markers.put(source, name, { ...marker, state: 'failed', failure: state.failure ?? 'unknown' });
    deps.log.error('export failed', { source, name, exportArn: marker.exportArn, failure: state.failure });
    result.failed.push(`${source}/${name}`);
    return;
  }
  const sink = deps.sinks.forExport(exportIdOf(marker.exportArn));
  const rows = await exportRows(source, deps.reader.versions(source, state), sink);
  await sink.close();
  const done: ExportMarker = { ...marker, state: 'transformed', rows };
  await deps.markers.put(source, name, done);
  deps.log.info('export transformed', { source, name, rows });
  result.transformed.push(`${source}/${name}`);
}
