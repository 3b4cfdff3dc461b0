import { describe, expect, it } from 'vitest';
// @ts-expect-error the citizen pages are plain JavaScript with no build step, and no declaration file
import { STATUS_TEXT } from '../../../web/chat/status-i18n.js';

type Texts = Record<string, string | ((...args: unknown[]) => string)>;
const texts = STATUS_TEXT as Record<string, Texts>;

describe('status page texts', () => {
  it('words every text in all six languages, taking the same arguments as the Korean', () => {
    expect(Object.keys(texts)).toEqual(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);
    const korean = texts.ko!;
    for (const [language, own] of Object.entries(texts)) {
      expect(Object.keys(own).sort(), language).toEqual(Object.keys(korean).sort());
      for (const [key, value] of Object.entries(korean)) {
        expect(typeof own[key], `${language}.${key}`).toBe(typeof value);
        if (typeof value === 'function') expect((own[key] as (...a: unknown[]) => string).length, `${language}.${key}`).toBe(value.length);
      }
    }
  });

  it('names the minutes to wait and the receipt number in every language', () => {
    for (const [language, own] of Object.entries(texts)) {
      expect((own.locked as (m: number) => string)(15), language).toContain('15');
      expect((own.resultHeading as (n: string) => string)('20261205-7K3QZ-M8D1X'), language).toContain('20261205-7K3QZ-M8D1X');
    }
  });
});
