import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ExportSource } from '../../core/export/export-tables.ts';
import type { ExportMarker, ExportMarkers } from '../../core/export/ports.ts';

const isNotFound = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

/** The job's markers as small JSON objects under `jobs/` in the export bucket (which only the job reads). */
export class S3ExportMarkers implements ExportMarkers {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async get(source: ExportSource, name: string): Promise<ExportMarker | null> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: markerKey(source, name) }));
      return Body ? (JSON.parse(await Body.transformToString('utf8')) as ExportMarker) : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async put(source: ExportSource, name: string, marker: ExportMarker): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: markerKey(source, name), Body: JSON.stringify(marker), ContentType: 'application/json' }));
  }
}

export const markerKey = (source: ExportSource, name: string): string => `jobs/${source}/${name}.json`;
