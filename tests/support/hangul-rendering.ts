import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the Hangul of one element looks like when drawn in that element's own font. */
interface HangulRendering {
  font: string;
  syllables: string[];
  /** How many different images the syllables make: a box for each gives one. */
  distinctImages: number;
  /** Syllables drawn exactly like a character no font has (the missing-glyph box). */
  drawnAsMissingGlyph: string[];
  /** Syllables that leave no ink at all. */
  blank: string[];
}

/**
 * Draws each Hangul syllable of `selector`'s text, and a character no font covers, on a canvas in
 * the element's computed font (the browser falls back through the system fonts exactly as it does
 * for the page), and compares the pixels. Without a Korean font every syllable is the same box.
 */
export function hangulRendering(page: Page, selector: string): Promise<HangulRendering> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (!element) throw new Error(`no ${target} on the page`);
    const style = getComputedStyle(element);
    const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    // Inside the element: the canvas inherits its language, as the text does.
    element.append(canvas);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d canvas');
    const image = (text: string): string => {
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.font = font;
      context.textBaseline = 'top';
      context.fillStyle = '#000';
      context.fillText(text, 4, 4);
      return context.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, index) => index % 4 === 3).join(',');
    };
    const blankImage = image('');
    // A supplementary private-use code point: no font maps it, so it is drawn as the missing glyph.
    const missingGlyph = image('\u{10FFFD}');
    const syllables = [...new Set([...(element.textContent ?? '')].filter((character) => /\p{Script=Hangul}/u.test(character)))];
    const images = new Map(syllables.map((syllable) => [syllable, image(syllable)]));
    canvas.remove();
    return {
      font,
      syllables,
      distinctImages: new Set(images.values()).size,
      drawnAsMissingGlyph: syllables.filter((syllable) => images.get(syllable) === missingGlyph),
      blank: syllables.filter((syllable) => images.get(syllable) === blankImage),
    };
  }, selector);
}

/**
 * Fails unless every Hangul syllable of `selector`'s text (at least `minSyllables` of them) is drawn
 * as its own glyph in the element's font: no missing-glyph boxes, no blanks.
 */
export async function expectRealHangulGlyphs(page: Page, selector: string, minSyllables: number): Promise<HangulRendering> {
  const rendering = await hangulRendering(page, selector);
  expect(rendering.syllables.length, `${selector} has Korean text to check`).toBeGreaterThanOrEqual(minSyllables);
  const failure = `Korean text in ${rendering.font} renders as boxes: install a Korean font (apt-get install fonts-noto-cjk)`;
  expect(rendering.blank, failure).toEqual([]);
  expect(rendering.drawnAsMissingGlyph, failure).toEqual([]);
  expect(rendering.distinctImages, failure).toBe(rendering.syllables.length);
  return rendering;
}
