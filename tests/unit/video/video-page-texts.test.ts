import { describe, expect, it } from 'vitest';
// @ts-expect-error the chat site is plain JavaScript with no build step, and no declaration file
import { LANGUAGES } from '../../../web/chat/i18n.js';
// @ts-expect-error as above
import { VIDEO_TEXT } from '../../../web/chat/video-i18n.js';

type Texts = Record<string, string | ((...args: unknown[]) => string)>;
const texts = VIDEO_TEXT as Record<string, Texts>;
const REFUSAL_CODES = ['no_counselor_free', 'too_early', 'missed', 'ended', 'not_joinable', 'unknown_reservation', 'invalid_token'];

describe('video page texts', () => {
  it('words every text in all six languages, taking the same arguments as the Korean, and every refusal of the video-calls API', () => {
    const korean = texts.ko!;
    for (const language of LANGUAGES as string[]) {
      const own = texts[language]!;
      expect(Object.keys(own).sort(), language).toEqual(Object.keys(korean).sort());
      for (const [key, value] of Object.entries(korean)) {
        const translated = own[key];
        expect(typeof translated, `${language}.${key}`).toBe(typeof value);
        if (typeof value === 'function' && typeof translated === 'function') expect(translated.length, `${language}.${key}`).toBe(value.length);
        if (language !== 'ko' && typeof value === 'string') expect(translated, `${language}.${key} is not translated`).not.toBe(value);
      }
      for (const code of REFUSAL_CODES) expect(own[code], `${language}.${code}`).toBeDefined();
    }
  });

  it('tells the time a reserved call opens in Seoul time, in every language', () => {
    for (const language of LANGUAGES as string[]) {
      const opensAt = texts[language]!.opensAt as (iso: string) => string;
      expect(opensAt('2026-03-02T00:50:00.000Z'), language).toContain('09:50');
    }
  });
});
