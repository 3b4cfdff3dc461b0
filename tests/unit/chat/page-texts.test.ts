import { describe, expect, it } from 'vitest';
// @ts-expect-error the chat page is plain JavaScript with no build step, and no declaration file
import { LANGUAGES, TEXT } from '../../../web/chat/i18n.js';

type Texts = Record<string, string | ((...args: unknown[]) => string)>;
const texts = TEXT as Record<string, Texts>;

describe('chat page texts', () => {
  it('words every text, refusals included, in all six languages, taking the same arguments as the Korean', () => {
    expect(LANGUAGES).toEqual(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);
    const korean = texts.ko!;
    for (const language of LANGUAGES as string[]) {
      const own = texts[language]!;
      expect(Object.keys(own).sort(), language).toEqual(Object.keys(korean).sort());
      for (const [key, value] of Object.entries(korean)) {
        const translated = own[key];
        expect(typeof translated, `${language}.${key}`).toBe(typeof value);
        if (typeof value === 'function' && typeof translated === 'function') expect(translated.length, `${language}.${key}`).toBe(value.length);
      }
    }
  });

  it('names the attempts left in every language', () => {
    for (const language of LANGUAGES as string[]) {
      const wrongCode = texts[language]!.wrongCode as (n: number) => string;
      expect(wrongCode(3), language).toContain('3');
    }
  });
});
