import { DescribeExportCommand, ExportTableToPointInTimeCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExportSource } from '../../core/export/export-tables.ts';
import type { ExportRequest, ExportState, TableExports } from '../../core/export/ports.ts';
import { exportPrefix } from './s3-export-reader.ts';

export interface TableExportsConfig {
  readonly tableArns: Readonly<Record<ExportSource, string>>;
  readonly bucket: string;
  /** The key the raw exports are encrypted with (the stage key: they hold what the table holds). */
  readonly kmsKeyId: string;
}

/**
 * ExportTableToPointInTime in DynamoDB JSON, SSE-KMS, under `exports/<source>/`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html).
 * Incremental exports ask for NEW_IMAGE: the projection needs only each item's latest state in the
 * window, and a deletion still arrives as keys alone.
 */
export class DynamoTableExports implements TableExports {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly config: TableExportsConfig,
  ) {}

  async start(source: ExportSource, request: ExportRequest): Promise<string> {
    const common = {
      TableArn: this.config.tableArns[source],
      S3Bucket: this.config.bucket,
      S3Prefix: exportPrefix(source),
      S3SseAlgorithm: 'KMS' as const,
      S3SseKmsKeyId: this.config.kmsKeyId,
      ExportFormat: 'DYNAMODB_JSON' as const,
      ClientToken: request.clientToken,
    };
    const { ExportDescription } = await this.dynamo.send(
      new ExportTableToPointInTimeCommand(
        request.kind === 'full'
          ? { ...common, ExportType: 'FULL_EXPORT', ExportTime: request.at }
          : { ...common, ExportType: 'INCREMENTAL_EXPORT', IncrementalExportSpecification: { ExportFromTime: request.from, ExportToTime: request.to, ExportViewType: 'NEW_IMAGE' } },
      ),
    );
    if (!ExportDescription?.ExportArn) throw new Error(`export of ${source} started without an export ARN`);
    return ExportDescription.ExportArn;
  }

  async describe(exportArn: string): Promise<ExportState> {
    const { ExportDescription: d } = await this.dynamo.send(new DescribeExportCommand({ ExportArn: exportArn }));
    if (!d?.ExportStatus) throw new Error(`export ${exportArn} has no status`);
    return {
      exportArn,
      status: d.ExportStatus,
      ...(d.ExportTime ? { exportTime: d.ExportTime } : {}),
      ...(d.FailureCode || d.FailureMessage ? { failure: `${d.FailureCode ?? ''} ${d.FailureMessage ?? ''}`.trim() } : {}),
    };
  }
}
