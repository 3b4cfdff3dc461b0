import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCp949 } from '../../../functions/core/knowledge/import/cp949.ts';

describe('the CP949 decoder', () => {
  it('decodes every two-byte sequence exactly as iconv-lite does', () => {
    const mismatches: string[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x00; trail <= 0xff; trail += 1) {
        // A 'Z' after each pair shows whether an unmapped pair swallowed the next byte.
        const bytes = Uint8Array.of(lead, trail, 0x5a);
        const ours = decodeCp949(bytes);
        const theirs = iconv.decode(Buffer.from(bytes), 'cp949');
        if (ours !== theirs) mismatches.push(`${lead.toString(16)} ${trail.toString(16)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('decodes ASCII, single high bytes and a lead byte cut off at the end as iconv-lite does', () => {
    for (let byte = 0; byte <= 0xff; byte += 1) {
      const bytes = Uint8Array.of(0x41, byte);
      expect(decodeCp949(bytes), byte.toString(16)).toBe(iconv.decode(Buffer.from(bytes), 'cp949'));
    }
  });

  it('reads the syllables only CP949 has (갂, 똠, 햏) and a whole line of an open-data file', () => {
    const line = '10001,일반,A01,교통,갂 똠방각하 햏 · 주차 "요금" 안내\r\n';
    expect(decodeCp949(iconv.encode(line, 'cp949'))).toBe(line);
  });
});
