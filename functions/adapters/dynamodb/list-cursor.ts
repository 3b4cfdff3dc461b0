import { InvalidCursorError } from '../../core/ports/complaint-repository.ts';

/**
 * The listing cursor: base64url of the index sort key of the last complaint returned.
 * One sort key (not a LastEvaluatedKey per partition) because a page may merge several
 * index partitions, which all share the `<createdAt>#<complaintId>` sort key.
 */
export function encodeCursor(afterSortKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterSortKey }), 'utf8').toString('base64url');
}

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[\w-]{1,64}$/;

export function decodeCursor(cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor from this API');
  }
  if (parsed !== null && typeof parsed === 'object' && 'v' in parsed && parsed.v === 1 && 'after' in parsed) {
    const after = parsed.after;
    if (typeof after === 'string' && SORT_KEY.test(after)) return after;
  }
  throw new InvalidCursorError('not a cursor from this API');
}
