import type { ItemVersion, RowSink } from './export-rows.ts';
import type { ExportSource } from './export-tables.ts';

/** What the job asks DynamoDB for: a full snapshot at an instant, or the changes of a window. */
export type ExportRequest =
  | { readonly kind: 'full'; readonly at: Date; readonly clientToken: string }
  | { readonly kind: 'incremental'; readonly from: Date; readonly to: Date; readonly clientToken: string };

export type ExportStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** A started export as DynamoDB describes it. */
export interface ExportState {
  readonly exportArn: string;
  readonly status: ExportStatus;
  /** Full exports: the snapshot instant (every item's version). */
  readonly exportTime?: Date;
  readonly failure?: string;
}

/** DynamoDB's point-in-time exports of one source table (ExportTableToPointInTime, DescribeExport). */
export interface TableExports {
  start(source: ExportSource, request: ExportRequest): Promise<string>;
  describe(exportArn: string): Promise<ExportState>;
}

/** The item versions in a completed export's data files. */
export interface ExportReader {
  versions(source: ExportSource, state: ExportState): AsyncIterable<ItemVersion>;
}

/** Where the projected rows of one export go (deterministic object names: a rerun overwrites). */
export interface RowSinkFactory {
  forExport(exportId: string): RowSink & { close(): Promise<void> };
}

/** The job's own bookkeeping, one marker per export it started (the day, or `baseline`). */
export interface ExportMarker {
  readonly exportArn: string;
  readonly state: 'started' | 'transformed' | 'failed';
  readonly kind: 'full' | 'incremental';
  /** The snapshot instant (full) or the window start (incremental), UTC ISO. */
  readonly from: string;
  readonly rows?: Readonly<Record<string, number>>;
  readonly failure?: string;
}

export interface ExportMarkers {
  get(source: ExportSource, name: string): Promise<ExportMarker | null>;
  put(source: ExportSource, name: string, marker: ExportMarker): Promise<void>;
}

/** Creates or replaces the auditor views in the catalog (Athena DDL). */
export interface ViewCatalog {
  ensureViews(statements: readonly string[]): Promise<void>;
}
