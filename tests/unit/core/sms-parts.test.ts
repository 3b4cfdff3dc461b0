import { describe, expect, it } from 'vitest';
import { splitSmsText } from '../../../functions/core/sms-parts.ts';

const units = (text: string) => text.length; // UTF-16 code units, as the providers count
const stripNumber = (part: string) => part.replace(/^\(\d+\/\d+\) /, '');
const RECEIPT = '20260302-7K3QX-9ZB4M';

describe('splitting a long reply into SMS parts', () => {
  it('keeps a reply within the limit as one part, unnumbered', () => {
    expect(splitSmsText('내일 수리하겠습니다.', { maxUnits: 1600 })).toEqual(['내일 수리하겠습니다.']);
  });

  it('splits a 4,000-character Korean reply into numbered parts within 1,600 units, cutting only between words', () => {
    const words = Array.from({ length: 900 }, (_, i) => `민원${i % 10}번`);
    const text = words.join(' ');
    expect(text.length).toBeGreaterThan(4000);
    const parts = splitSmsText(text, { maxUnits: 1600 });
    expect(parts).toHaveLength(3);
    parts.forEach((part, i) => {
      expect(units(part)).toBeLessThanOrEqual(1600);
      expect(part.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true);
    });
    // Every word survives whole, in order.
    expect(parts.map(stripNumber).join(' ').split(/\s+/)).toEqual(words);
  });

  it('never cuts a receipt number, wherever the limit falls', () => {
    for (let offset = 0; offset < 30; offset += 1) {
      const text = `${'가'.repeat(80 + offset)} 접수번호 ${RECEIPT}입니다. ${'나'.repeat(60)}`;
      const parts = splitSmsText(text, { maxUnits: 100 });
      expect(parts.some((part) => part.includes(RECEIPT))).toBe(true);
      for (const part of parts) expect(units(part)).toBeLessThanOrEqual(100);
    }
  });

  it('cuts Japanese and Chinese text, which has no spaces, only at word boundaries', () => {
    const sentence = '粗大ごみの収集は毎週木曜日です。申し込みは区役所のホームページからお願いします。';
    const text = sentence.repeat(40);
    const parts = splitSmsText(text, { maxUnits: 300, locale: 'ja' }).map(stripNumber);
    expect(parts.join('')).toBe(text);
    const boundaries = new Set([...new Intl.Segmenter('ja', { granularity: 'word' }).segment(text)].map((s) => s.index));
    let at = 0;
    for (const part of parts.slice(0, -1)) {
      at += part.length;
      expect(boundaries.has(at)).toBe(true);
    }
  });

  it('counts an emoji as two units and never splits one', () => {
    const text = Array.from({ length: 120 }, () => '확인했습니다 😊').join(' ');
    const parts = splitSmsText(text, { maxUnits: 160 });
    for (const part of parts) {
      expect(units(part)).toBeLessThanOrEqual(160);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('splits a single token longer than a part at character boundaries, the only cut it cannot avoid', () => {
    const url = `https://example.go.kr/${'a'.repeat(250)}`;
    const parts = splitSmsText(url, { maxUnits: 100 });
    expect(parts.map(stripNumber).join('')).toBe(url);
    for (const part of parts) expect(units(part)).toBeLessThanOrEqual(100);
  });
});
