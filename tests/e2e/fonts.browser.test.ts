import { describe, expect, it } from 'vitest';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';
import { expectRealHangulGlyphs } from '../support/hangul-rendering.ts';

describe.runIf(browserAvailable)('Korean pages render Korean glyphs, not missing-glyph boxes (fonts-noto-cjk)', () => {
  const { gateway, browser } = gatewayAndBrowser();

  it.each([
    ['citizen chat page', '/chat/', 'h1'],
    ['counselor workspace app', '/', 'h1'],
  ])('%s: every Hangul syllable of the heading is its own glyph', async (_page, path, selector) => {
    // A Korean reader's browser: the chat page follows the browser's language.
    const page = await browser().newPage({ locale: 'ko-KR' });
    try {
      await page.goto(`${gateway().url}${path}`);
      await expect.poll(() => page.locator(selector).innerText()).toMatch(/\p{Script=Hangul}/u);
      await expectRealHangulGlyphs(page, selector, 4);
    } finally {
      await page.close();
    }
  });
});
