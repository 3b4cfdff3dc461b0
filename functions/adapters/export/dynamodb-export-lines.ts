import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ItemVersion } from '../../core/export/export-rows.ts';

type Image = Record<string, AttributeValue>;
interface ExportLine {
  Item?: Image;
  Keys?: Image;
  NewImage?: Image;
  Metadata?: { WriteTimestampMicros?: { N?: string } };
}

/**
 * One line of a DynamoDB export data file (DynamoDB JSON), as an item version
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html):
 * a full export writes `{"Item": ...}` (the snapshot: every item's version is the export time);
 * an incremental export writes `{"Metadata": {"WriteTimestampMicros": {"N": ...}}, "Keys": ...,
 * "NewImage": ...}`, with no NewImage when the item was deleted in the window. Numbers beyond
 * 2^53 would lose precision as JS numbers: the tables hold none (ids and X ids are strings).
 */
export function parseExportLine(line: string, snapshotUs: number): ItemVersion | null {
  if (line.trim() === '') return null;
  const parsed = JSON.parse(line) as ExportLine;
  const options = { wrapNumbers: false, convertWithoutMapWrapper: false } as const;
  if (parsed.Item) return { kind: 'item', item: unmarshall(parsed.Item, options), versionUs: snapshotUs };
  const written = Number(parsed.Metadata?.WriteTimestampMicros?.N);
  if (!parsed.Keys || !Number.isFinite(written)) throw new Error('export line is neither a full-export item nor an incremental change');
  if (parsed.NewImage) return { kind: 'item', item: unmarshall(parsed.NewImage, options), versionUs: written };
  return { kind: 'deletion', keys: unmarshall(parsed.Keys, options), versionUs: written };
}
