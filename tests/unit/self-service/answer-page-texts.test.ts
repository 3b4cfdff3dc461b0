import { describe, expect, it } from 'vitest';
// @ts-expect-error the page is plain JavaScript with no build step, and no declaration file
import { ANSWER_TEXT } from '../../../web/chat/answers-i18n.js';
// @ts-expect-error as above
import { LANGUAGES } from '../../../web/chat/i18n.js';

type Texts = Record<string, string | ((...args: unknown[]) => string)>;
const texts = ANSWER_TEXT as Record<string, Texts>;

describe('answers page texts', () => {
  it('words every text in all six languages, taking the same arguments as the Korean', () => {
    expect(Object.keys(texts)).toEqual(LANGUAGES);
    for (const language of LANGUAGES as string[]) {
      const own = texts[language]!;
      expect(Object.keys(own).sort(), language).toEqual(Object.keys(texts.ko!).sort());
      for (const [key, value] of Object.entries(texts.ko!)) {
        expect(typeof own[key], `${language}.${key}`).toBe(typeof value);
        if (typeof value === 'function') expect((own[key] as (...args: unknown[]) => string).length, `${language}.${key}`).toBe(value.length);
      }
    }
  });

  it('has a Korean-fallback note in every language but Korean, which never falls back', () => {
    for (const language of (LANGUAGES as string[]).filter((l) => l !== 'ko')) expect(texts[language]!.koreanNote, language).not.toBe('');
    expect(texts.ko!.koreanNote).toBe('');
  });
});
