import { mkdir, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowSink } from '../../core/export/export-rows.ts';
import { EXPORT_TABLES, type ExportTable } from '../../core/export/export-tables.ts';
import type { ExportRow } from '../../core/export/project-item.ts';

/** The file of one versions table in an export folder: `<folder>/<versions table>/snapshot.json`. */
export const snapshotFile = (folder: string, table: ExportTable): string => join(folder, table.versions, 'snapshot.json');

/**
 * Writes a snapshot into a staging folder beside `folder` and swaps it in only when complete, so a
 * query never reads half an export and a failed export leaves the previous one in place. Every
 * table gets its file, empty or not, so every view can be created.
 */
export class NdjsonFolderSink implements RowSink {
  readonly #folder: string;
  readonly #staging: string;

  private constructor(folder: string) {
    this.#folder = folder;
    this.#staging = `${folder}.staging-${process.pid}`;
  }

  static async open(folder: string): Promise<NdjsonFolderSink> {
    const sink = new NdjsonFolderSink(folder);
    await rm(sink.#staging, { recursive: true, force: true });
    for (const table of EXPORT_TABLES) {
      await mkdir(join(sink.#staging, table.versions), { recursive: true });
      await writeFile(snapshotFile(sink.#staging, table), '', { mode: 0o600 });
    }
    return sink;
  }

  async append(table: ExportTable, rows: readonly ExportRow[]): Promise<void> {
    await appendFile(snapshotFile(this.#staging, table), rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
  }

  /** Replaces the previous export with this one. */
  async commit(): Promise<void> {
    const previous = `${this.#folder}.previous-${process.pid}`;
    await rm(previous, { recursive: true, force: true });
    await rename(this.#folder, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(this.#staging, this.#folder);
    await rm(previous, { recursive: true, force: true });
  }

  async abandon(): Promise<void> {
    await rm(this.#staging, { recursive: true, force: true });
  }
}
