import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTES_BYTES, fitContactAttributes, truncateUtf8, utf8Bytes } from '../../../functions/core/voice/contact-attributes.ts';

describe('contact attributes within Amazon Connect limits', () => {
  it('keeps only alphanumeric, dash and underscore in keys and, for Lambda responses, in values', () => {
    const { attributes } = fitContactAttributes(
      [
        ['receipt No', '120-2025/0001'],
        ['open.count', 3],
      ],
      { mode: 'lambda-response' },
    );
    expect(attributes).toEqual({ receipt_No: '120-2025_0001', open_count: '3' });
  });

  it('keeps Hangul and emoji values untouched in api mode', () => {
    const { attributes } = fitContactAttributes([['originalText', '도로가 파손됐어요 🚧']], { mode: 'api' });
    expect(attributes.originalText).toBe('도로가 파손됐어요 🚧');
  });

  it('leaves out null and undefined values and stringifies numbers', () => {
    const { attributes } = fitContactAttributes(
      [
        ['a', undefined],
        ['b', null],
        ['c', 0],
      ],
      { mode: 'api' },
    );
    expect(attributes).toEqual({ c: '0' });
  });

  it('never exceeds 32,768 UTF-8 bytes, shortening the lowest-priority value first', () => {
    const huge = '가'.repeat(20_000); // 60,000 bytes
    const { attributes, truncated } = fitContactAttributes(
      [
        ['receiptNo', '120-20250101-000001'],
        ['koreanText', huge],
        ['originalText', huge],
      ],
      { mode: 'api' },
    );
    const total = Object.entries(attributes).reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0);
    expect(total).toBeLessThanOrEqual(MAX_ATTRIBUTES_BYTES);
    expect(attributes.receiptNo).toBe('120-20250101-000001');
    expect(truncated).toContain('originalText');
    expect(attributes.originalText ?? '').not.toContain('\uFFFD');
  });

  it('cuts at a character boundary, never inside a surrogate pair', () => {
    expect(truncateUtf8('a😀b', 3)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
    expect(truncateUtf8('한국', 4)).toBe('한');
  });
});
