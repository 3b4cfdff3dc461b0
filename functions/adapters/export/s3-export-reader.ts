import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ItemVersion } from '../../core/export/export-rows.ts';
import type { ExportSource } from '../../core/export/export-tables.ts';
import type { ExportReader, ExportState } from '../../core/export/ports.ts';
import { parseExportLine } from './dynamodb-export-lines.ts';

/** The S3 prefix each source table exports under (ExportTableToPointInTime's S3Prefix). */
export const exportPrefix = (source: ExportSource): string => `exports/${source}`;

/** `<prefix>/AWSDynamoDB/<ExportId>/manifest-summary.json`, the export's summary manifest. */
export const manifestSummaryKey = (source: ExportSource, exportArn: string): string =>
  `${exportPrefix(source)}/AWSDynamoDB/${exportArn.slice(exportArn.lastIndexOf('/') + 1)}/manifest-summary.json`;

/**
 * Reads a completed export: the summary manifest names the files manifest (`manifestFilesS3Key`),
 * whose JSON lines name each gzipped data file (`dataFileS3Key`); each data file is streamed line by
 * line, never held whole.
 */
export class S3ExportReader implements ExportReader {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async *versions(source: ExportSource, state: ExportState): AsyncIterable<ItemVersion> {
    const summary = JSON.parse(await this.text(manifestSummaryKey(source, state.exportArn))) as { manifestFilesS3Key?: string };
    if (!summary.manifestFilesS3Key) throw new Error(`export ${state.exportArn}: the summary manifest names no files manifest`);
    const snapshotUs = (state.exportTime?.getTime() ?? 0) * 1000;
    for (const line of (await this.text(summary.manifestFilesS3Key)).split('\n')) {
      if (line.trim() === '') continue;
      const { dataFileS3Key } = JSON.parse(line) as { dataFileS3Key?: string };
      if (!dataFileS3Key) throw new Error(`export ${state.exportArn}: a files manifest line names no data file`);
      const lines = createInterface({ input: (await this.body(dataFileS3Key)).pipe(createGunzip()), crlfDelay: Infinity });
      for await (const text of lines) {
        const version = parseExportLine(text, snapshotUs);
        if (version) yield version;
      }
    }
  }

  private async body(key: string): Promise<Readable> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!(Body instanceof Readable)) throw new Error(`s3://${this.bucket}/${key} has no readable body`);
    return Body;
  }

  private async text(key: string): Promise<string> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!Body) throw new Error(`s3://${this.bucket}/${key} is empty`);
    return Body.transformToString('utf8');
  }
}
