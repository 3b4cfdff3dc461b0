import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

describe.runIf(browserAvailable)('counselor console in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('refuses a wrong password and shows no complaint before sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/`);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    await page.getByLabel(/User/).fill('counselor1@example.org');
    await page.getByLabel(/Password/).fill('wrong-password-1');
    await page.getByLabel(/Password/).press('Enter');
    await expect.poll(() => page.locator('#sign-in-result').innerText()).toMatch(/Sign-in failed/);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    await page.close();
  });

  it('shows an incoming SMS, and sends a reply typed with the keyboard only', async () => {
    const sent = await gateway.sms({ from: '010-4321-8765', body: '공원 화장실이 잠겨 있어요' });
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    await gateway.settle();

    const page = await browser.newPage();
    await page.goto(`${gateway.url}/`);
    await page.getByLabel(/User/).fill('counselor1@example.org');
    await page.getByLabel(/Password/).fill(gateway.config.LOCAL_USER_PASSWORD);
    await page.getByLabel(/Password/).press('Enter');
    await expect.poll(() => page.locator('#who').innerText()).toContain('counselor1@example.org (counselor)');
    const item = page.getByRole('button', { name: new RegExp(receiptNo) });
    await item.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail').innerText()).toContain('공원 화장실이 잠겨 있어요');
    expect(await page.locator('#detail').innerText()).toContain('+82 10-****-8765');

    await page.getByLabel(/답변/).focus();
    await page.keyboard.type('내일 오전까지 개방하겠습니다');
    await page.getByRole('button', { name: /Send reply/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/sent/);
    await page.screenshot({ path: '.bench/console.png', fullPage: true }).catch(() => undefined);

    const outbox = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(outbox.body.items[0]).toMatchObject({ to: '+82 10-****-8765', body: '내일 오전까지 개방하겠습니다' });
  });
});
