import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { StaffRole } from '../../functions/core/staff/roles.ts';
import type { TestGateway } from './local-gateway.ts';

/** The citizen's video page, signed in with a chat token as the chat page leaves it in the tab. */
export async function citizenVideoPage(browser: Browser, gateway: TestGateway, token: string, language = 'ko'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ko-KR' });
  await context.addInitScript(
    ([value, lang]) => {
      sessionStorage.setItem('citizenChat.token', JSON.stringify(value));
      sessionStorage.setItem('citizenChat.uiLanguage', JSON.stringify(lang));
    },
    [token, language] as const,
  );
  const page = await context.newPage();
  await page.goto(`${gateway.url}/chat/video.html`);
  return { context, page };
}

/** The counselor's video-call page, signed in as the default user of `role`. */
export async function counselorVideoPage(browser: Browser, gateway: TestGateway, role: StaffRole = 'counselor'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ko-KR' });
  await context.addInitScript((value) => sessionStorage.setItem('staff-id-token', value), await gateway.tokenFor(role));
  const page = await context.newPage();
  await page.goto(`${gateway.url}/console/video-call.html`);
  await expect.poll(() => page.getByTestId('desk-status').innerText(), { timeout: 10_000 }).toContain('Connected');
  return { context, page };
}

/** Frames the page has decoded from the other side's video (HTMLVideoElement.getVideoPlaybackQuality). */
export function decodedFrames(page: Page): Promise<number> {
  return page.evaluate(() => (document.querySelector('[data-testid=remote-video]') as HTMLVideoElement | null)?.getVideoPlaybackQuality().totalVideoFrames ?? 0);
}

/** The pre-call check, keyboard only: focus the button, press Enter, wait for the three results. */
export async function runPreCallCheck(page: Page): Promise<void> {
  await page.getByTestId('check').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('check-connection').getAttribute('class'), { timeout: 10_000 }).toMatch(/ok|failed/);
}
