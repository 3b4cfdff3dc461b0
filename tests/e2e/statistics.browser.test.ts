import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';

describe.runIf(browserAvailable)('the statistics page in a real browser', () => {
  const { gateway, browser } = gatewayAndBrowser();

  async function signedIn(username: string): Promise<Page> {
    const page = await browser().newPage({ acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Refused loads (the CSP) and script errors; a 404 for config.json is the local sign-in fallback.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Refused|Content Security Policy/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${gateway().url}/console/statistics.html`);
    // Keyboard only: type into the labelled fields, submit with Enter.
    await page.getByLabel(/User/).focus();
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(gateway().config.LOCAL_USER_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#who').innerText()).toContain(username);
    expect(errors, 'no script or CSP errors').toEqual([]);
    return page;
  }

  it('shows a supervisor the week’s figures and charts drawn as SVG, with their data as tables', async () => {
    for (const [from, body] of [['010-8800-0001', '가로등이 고장났어요'], ['010-8800-0002', 'The park toilet is locked'], ['010-8800-0003', '垃圾没有收走']] as const) {
      await gateway().sms({ from, body });
    }
    await gateway().settle();
    const page = await signedIn('supervisor1@example.org');
    await page.getByRole('button', { name: /Show/ }).focus();
    for (let attempt = 0; attempt < 50 && !(await page.locator('#summary').innerText()).includes('3'); attempt += 1) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
    }
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/7일 · days/);
    expect(await page.getByRole('img', { name: /Contacts per day by channel/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Language mix/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /First-contact resolution/ }).count()).toBe(1);
    expect(await page.locator('#volume-chart svg rect').count()).toBeGreaterThan(0);
    // Screen readers get the numbers from the tables behind each chart (opened with the keyboard).
    for (const summary of await page.locator('summary').all()) {
      await summary.focus();
      await page.keyboard.press('Enter');
    }
    const volume = await page.locator('#volume-table').innerText();
    expect(volume).toContain('Contacts per day and channel');
    expect(volume).toMatch(/SMS/);
    const languages = await page.locator('#languages-table').innerText();
    expect(languages).toContain('Korean');
    expect(languages).toContain('English');
    expect(languages).toContain('中文');
    await page.screenshot({ path: '.bench/statistics.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });

  it('downloads the CSV for an auditor', async () => {
    const page = await signedIn('auditor1@example.org');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text).toContain('day,figure,key,value');
    expect(text).toMatch(/total,contacts,,\d+/);
    await page.close();
  });

  it('tells a counselor the page is not theirs', async () => {
    const page = await signedIn('counselor1@example.org');
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/supervisors and auditors/);
    await page.close();
  });
});
