import { describe, expect, it } from 'vitest';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';

/**
 * The app's redraw helper (web/console/src/dom.js), run in the browser from its source module as
 * the gateway serves it: a redraw of a list must leave the keyboard focus, and what was typed, where
 * they were.
 */
interface AppDom {
  el: (tag: string, attrs?: Record<string, unknown>, ...children: unknown[]) => HTMLElement;
  renderStable: (container: HTMLElement, signature: string, build: () => HTMLElement[]) => boolean;
}

describe.runIf(browserAvailable)('redrawing without losing the user', () => {
  const { gateway, browser } = gatewayAndBrowser();

  it('keeps the focus on the same control of the same item and the text typed into it when the list changes', async () => {
    const page = await browser().newPage();
    try {
      await page.goto(`${gateway().url}/console/`);
      // A string, so the test runner leaves the page's own import() alone.
      await page.evaluate("import('/console/src/dom.js').then((module) => { window.appDom = module; })");
      const outcome = await page.evaluate(() => {
        const { el, renderStable } = (window as unknown as { appDom: AppDom }).appDom;
        const list = document.createElement('div');
        document.body.append(list);
        const items = (keys: string[]) => () => keys.map((key) => el('div', { 'data-key': key }, el('input', { 'data-action': 'note', 'aria-label': key }), el('button', { 'data-action': 'send' }, key)));
        renderStable(list, 'a,b', items(['a', 'b']));
        const note = list.querySelector<HTMLInputElement>('[data-key="b"] input');
        note?.focus();
        if (note) note.value = '전화로 안내함';
        const redrawnWhenSame = renderStable(list, 'a,b', items(['a', 'b']));
        const sameNode = list.querySelector('[data-key="b"] input') === note;
        const changed = renderStable(list, 'c,a,b', items(['c', 'a', 'b']));
        const focused = document.activeElement;
        return {
          redrawnWhenSame,
          sameNode,
          changed,
          focusedKey: focused?.closest('[data-key]')?.getAttribute('data-key'),
          focusedAction: focused?.getAttribute('data-action'),
          value: (focused as HTMLInputElement | null)?.value,
          replaced: list.querySelector('[data-key="b"] input') !== note,
        };
      });
      expect(outcome).toEqual({ redrawnWhenSame: false, sameNode: true, changed: true, focusedKey: 'b', focusedAction: 'note', value: '전화로 안내함', replaced: true });
    } finally {
      await page.close();
    }
  });
});
