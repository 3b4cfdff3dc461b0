import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RowSink } from '../../core/export/export-rows.ts';
import type { ExportTable } from '../../core/export/export-tables.ts';
import type { RowSinkFactory } from '../../core/export/ports.ts';
import type { ExportRow } from '../../core/export/project-item.ts';

/** Where a versions table's rows live in the analytics bucket: the Glue table's location. */
export const curatedPrefix = (table: ExportTable): string => `curated/${table.versions}/`;

/**
 * One gzipped JSON-lines object per batch: `curated/<versions table>/<export id>-<n>.json.gz`. The
 * names depend only on the export and the order of its rows, so transforming an export again
 * overwrites the same objects instead of adding duplicates.
 */
export class S3RowSinks implements RowSinkFactory {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  forExport(exportId: string): RowSink & { close(): Promise<void> } {
    const parts = new Map<string, number>();
    return {
      append: async (table: ExportTable, rows: readonly ExportRow[]) => {
        const part = (parts.get(table.versions) ?? 0) + 1;
        parts.set(table.versions, part);
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: `${curatedPrefix(table)}${exportId}-${String(part).padStart(5, '0')}.json.gz`,
            Body: gzipSync(rows.map((row) => `${JSON.stringify(row)}\n`).join('')),
            ContentType: 'application/x-ndjson',
            ContentEncoding: 'gzip',
          }),
        );
      },
      close: async () => undefined,
    };
  }
}
