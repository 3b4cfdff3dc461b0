import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { DescribeExportCommand, DynamoDBClient, ExportTableToPointInTimeCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import { AthenaViewCatalog } from '../../../../functions/adapters/export/athena-view-catalog.ts';
import { parseExportLine } from '../../../../functions/adapters/export/dynamodb-export-lines.ts';
import { DynamoTableExports } from '../../../../functions/adapters/export/dynamodb-table-exports.ts';
import { manifestSummaryKey, S3ExportReader } from '../../../../functions/adapters/export/s3-export-reader.ts';
import { S3RowSinks } from '../../../../functions/adapters/export/s3-row-sink.ts';
import { messageToItem } from '../../../../functions/adapters/dynamodb/item-mappers.ts';
import { exportRows } from '../../../../functions/core/export/export-rows.ts';

const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBClient);
const athena = mockClient(AthenaClient);
afterEach(() => {
  s3.reset();
  dynamo.reset();
  athena.reset();
});

const EXPORT_ARN = 'arn:aws:dynamodb:ap-northeast-2:111122223333:table/complaints/export/01700000000000-a1b2c3d4';
const item = messageToItem({
  messageId: 'msg_1',
  complaintId: 'cmp_1',
  direction: 'inbound',
  channel: 'sms',
  provider: 'twilio',
  providerMessageId: 'SM1',
  receivedAt: '2026-03-02T01:00:00.000Z',
  text: '연락처 010-2345-6789',
  overLength: false,
  language: 'ko',
  translation: { status: 'not_needed', attempts: 0, updatedAt: '2026-03-02T01:00:00.000Z' },
  attachments: [],
  refusedAttachments: [],
});
const text = (value: string) => ({ transformToString: async () => value }) as unknown as GetObjectCommandOutput['Body'];

describe('DynamoDB export lines', () => {
  it('reads a full-export item at the snapshot time, an incremental new image at its write time, and a deletion as keys', () => {
    const image = marshall(item, { removeUndefinedValues: true });
    expect(parseExportLine(JSON.stringify({ Item: image }), 5)).toEqual({ kind: 'item', item, versionUs: 5 });
    expect(parseExportLine(JSON.stringify({ Metadata: { WriteTimestampMicros: { N: '1772413200000001' } }, Keys: { pk: image.pk, sk: image.sk }, NewImage: image }), 5)).toEqual({ kind: 'item', item, versionUs: 1772413200000001 });
    expect(parseExportLine(JSON.stringify({ Metadata: { WriteTimestampMicros: { N: '7' } }, Keys: { pk: image.pk, sk: image.sk } }), 5)).toEqual({ kind: 'deletion', keys: { pk: item.pk, sk: item.sk }, versionUs: 7 });
    expect(parseExportLine('', 5)).toBeNull();
    expect(() => parseExportLine('{"Keys":{}}', 5)).toThrow('neither');
  });
});

describe('S3 export reader and row sink', () => {
  it('follows summary → files manifest → gzipped data files, and writes masked gzipped JSON lines per table', async () => {
    const lines = [JSON.stringify({ Item: marshall(item) }), JSON.stringify({ Item: marshall({ pk: 'RECEIPT#x', sk: 'RECEIPT' }) })].join('\n');
    s3.on(GetObjectCommand, { Key: manifestSummaryKey('complaints', EXPORT_ARN) }).resolves({ Body: text(JSON.stringify({ manifestFilesS3Key: 'exports/complaints/AWSDynamoDB/01700000000000-a1b2c3d4/manifest-files.json' })) });
    s3.on(GetObjectCommand, { Key: 'exports/complaints/AWSDynamoDB/01700000000000-a1b2c3d4/manifest-files.json' }).resolves({ Body: text(`${JSON.stringify({ itemCount: 2, dataFileS3Key: 'exports/complaints/AWSDynamoDB/01700000000000-a1b2c3d4/data/a.json.gz' })}\n`) });
    s3.on(GetObjectCommand, { Key: 'exports/complaints/AWSDynamoDB/01700000000000-a1b2c3d4/data/a.json.gz' }).callsFake(() => ({ Body: Readable.from([gzipSync(lines)]) }));
    s3.on(PutObjectCommand).resolves({});
    const reader = new S3ExportReader(new S3Client({}), 'raw');
    const sink = new S3RowSinks(new S3Client({}), 'analytics').forExport('01700000000000-a1b2c3d4');
    const counts = await exportRows('complaints', reader.versions('complaints', { exportArn: EXPORT_ARN, status: 'COMPLETED', exportTime: new Date('2026-03-02T00:00:00.000Z') }), sink);
    expect(counts.message_versions).toBe(1);
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => [put.Bucket, put.Key])).toEqual([['analytics', 'curated/message_versions/01700000000000-a1b2c3d4-00001.json.gz']]);
    const row = JSON.parse(gunzipSync(puts[0]!.Body as Buffer).toString('utf8')) as Record<string, unknown>;
    expect(row).toMatchObject({ message_id: 'msg_1', text_masked: '연락처 010-****-6789', version_us: Date.parse('2026-03-02T00:00:00.000Z') * 1000 });
  });
});

describe('DynamoDB table exports', () => {
  it('asks for an incremental export of the window in DynamoDB JSON, SSE-KMS, NEW_IMAGE, with the client token', async () => {
    dynamo.on(ExportTableToPointInTimeCommand).resolves({ ExportDescription: { ExportArn: EXPORT_ARN } });
    const exports = new DynamoTableExports(new DynamoDBClient({}), { tableArns: { complaints: 'arn:table/complaints', audit: 'arn:table/audit' }, bucket: 'raw', kmsKeyId: 'arn:key' });
    const from = new Date('2026-03-01T15:00:00.000Z');
    const to = new Date('2026-03-02T15:00:00.000Z');
    expect(await exports.start('audit', { kind: 'incremental', from, to, clientToken: 't' })).toBe(EXPORT_ARN);
    expect(dynamo.commandCalls(ExportTableToPointInTimeCommand)[0]?.args[0].input).toEqual({
      TableArn: 'arn:table/audit',
      S3Bucket: 'raw',
      S3Prefix: 'exports/audit',
      S3SseAlgorithm: 'KMS',
      S3SseKmsKeyId: 'arn:key',
      ExportFormat: 'DYNAMODB_JSON',
      ClientToken: 't',
      ExportType: 'INCREMENTAL_EXPORT',
      IncrementalExportSpecification: { ExportFromTime: from, ExportToTime: to, ExportViewType: 'NEW_IMAGE' },
    });
  });

  it('describes a failed export with its failure', async () => {
    dynamo.on(DescribeExportCommand).resolves({ ExportDescription: { ExportStatus: 'FAILED', FailureCode: 'S3NoSuchBucket', FailureMessage: 'gone' } });
    const exports = new DynamoTableExports(new DynamoDBClient({}), { tableArns: { complaints: 'a', audit: 'b' }, bucket: 'raw', kmsKeyId: 'k' });
    expect(await exports.describe(EXPORT_ARN)).toEqual({ exportArn: EXPORT_ARN, status: 'FAILED', failure: 'S3NoSuchBucket gone' });
  });
});

describe('Athena view catalog', () => {
  it('runs each statement in the workgroup and database and waits for it', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    await new AthenaViewCatalog(new AthenaClient({}), { workGroup: 'wg', database: 'db', pollMs: 1 }).ensureViews(['CREATE OR REPLACE VIEW a AS SELECT 1']);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({ QueryString: 'CREATE OR REPLACE VIEW a AS SELECT 1', WorkGroup: 'wg', QueryExecutionContext: { Database: 'db' } });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);
  });

  it('fails with the reason when a statement fails', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'line 1:8: mismatched input' } } });
    await expect(new AthenaViewCatalog(new AthenaClient({}), { workGroup: 'wg', database: 'db', pollMs: 1 }).ensureViews(['CREATE VIEW x'])).rejects.toThrow('mismatched input');
  });
});
