import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the chat page is plain JavaScript with no build step, and no declaration file
import { PWA_LANGUAGES, PWA_TEXT } from '../../../web/chat/pwa-i18n.js';
import { shellFiles, shellWeight } from '../../../scripts/app-shell-weight.ts';

const ROOT = fileURLToPath(new URL('../../../web/chat/', import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');

/** Local files a page or module loads: src/href attributes and static imports. */
function references(file: string): string[] {
  const text = read(file);
  const found = [...text.matchAll(/(?:src|href)="([^"]+)"/g), ...text.matchAll(/from '\.\/([^']+)'/g)].map((match) => match[1]!);
  return found.filter((ref) => !/^(data:|tel:|https?:|#)/.test(ref));
}

describe('the citizen app shell', () => {
  it('keeps in the service worker cache every file the chat, report and offline pages load, so they open offline', () => {
    const shell = new Set(shellFiles());
    const needed = new Set<string>();
    const visit = (file: string) => {
      for (const ref of references(file)) {
        if (needed.has(ref)) continue;
        needed.add(ref);
        if (/\.(js|html)$/.test(ref)) visit(ref);
      }
    };
    visit('index.html');
    visit('offline.html');
    // The manifest link is switched by language; every language's manifest is kept.
    for (const language of PWA_LANGUAGES as string[]) needed.add(`manifest-${language}.webmanifest`);
    const missing = [...needed].filter((file) => !shell.has(file));
    expect(missing).toEqual([]);
    for (const file of shell) if (file !== './') expect(existsSync(`${ROOT}${file}`), file).toBe(true);
  });

  it('has a manifest per language with the same shape and icons that exist', () => {
    const korean = JSON.parse(read('manifest-ko.webmanifest')) as Record<string, unknown>;
    for (const language of PWA_LANGUAGES as string[]) {
      const manifest = JSON.parse(read(`manifest-${language}.webmanifest`)) as Record<string, unknown> & { icons: Array<{ src: string }>; name: string; short_name: string };
      expect(Object.keys(manifest).sort(), language).toEqual(Object.keys(korean).sort());
      expect(manifest.lang).toBe(language);
      expect(manifest.short_name.length, `${language} short_name fits a home screen`).toBeLessThanOrEqual(12);
      for (const icon of manifest.icons) expect(existsSync(`${ROOT}${icon.src}`), icon.src).toBe(true);
    }
  });

  it('words the offline page and the notification controls in all six languages', () => {
    const texts = PWA_TEXT as Record<string, Record<string, string>>;
    expect(PWA_LANGUAGES).toEqual(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);
    for (const language of PWA_LANGUAGES as string[]) {
      expect(Object.keys(texts[language]!).sort(), language).toEqual(Object.keys(texts.ko!).sort());
      for (const [key, value] of Object.entries(texts[language]!)) expect(value.trim(), `${language}.${key}`).not.toBe('');
    }
    // The worker's notification titles (sw.js cannot import modules) cover the same languages.
    const titles = /const TITLES = \{([\s\S]*?)\};/.exec(read('sw.js'))?.[1] ?? '';
    for (const language of PWA_LANGUAGES as string[]) expect(titles).toMatch(new RegExp(`\\b${language}: '`));
  });

  it('stays light: the JS and CSS of the shell under 56 KB gzip (19 KB when the app became installable, 24 KB with the report page, 44 KB with the status and video pages, 51 KB with the self-service answers; the Chime SDK never in it)', () => {
    expect(shellWeight().gzip).toBeLessThanOrEqual(56 * 1024);
  });
});
