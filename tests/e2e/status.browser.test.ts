import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { ManualClock } from '../support/in-memory-ports.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const receiptOf = (twiml: string) => /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(twiml)?.[1] ?? '';

describe.runIf(browserAvailable)('citizen status page in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let receiptNo = '';
  const clock = new ManualClock(new Date('2026-12-07T14:00:00+09:00').toISOString());

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    browser = await launchChromium();
    receiptNo = receiptOf((await gateway.sms({ from: '010-8642-9753', body: 'The park bench is broken' })).body);
    await gateway.settle();
    const detail = await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`);
    await gateway.api(`/api/complaints/${detail.body.complaintId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', reason: '현장 확인' }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('is reached from the chat page, looks a complaint up with the keyboard only, and reads out the status in the chosen language', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${gateway.url}/chat/`);
      await page.getByTestId('nav-status').click();
      await page.waitForURL(/status\.html$/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Complaint status');

      await page.getByLabel('Receipt number').focus();
      await page.keyboard.type(receiptNo.toLowerCase());
      await page.keyboard.press('Tab');
      await page.keyboard.type('9753');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('result-status').innerText(), { timeout: 10_000 }).toBe('In progress');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-heading');
      expect(await page.getByTestId('result-heading').innerText()).toBe(`Receipt number ${receiptNo}`);
      expect(await page.getByTestId('result-answered').innerText()).toBe('Not yet');
      expect(await page.getByTestId('result-due').innerText()).toMatch(/2026/);
      expect(await page.getByTestId('history').locator('li').allInnerTexts()).toEqual([expect.stringContaining('Received'), expect.stringContaining('In progress')]);
      expect(await page.getByTestId('answer').isHidden()).toBe(true);

      // Another language: the same answer, re-worded without asking again.
      await page.getByTestId('ui-language').selectOption('mn');
      expect(await page.getByTestId('result-status').innerText()).toBe('Шийдвэрлэж байна');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Өргөдлийн явц шалгах');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('mn');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says a wrong pair is not found, in the page language, with focus back on the receipt number', async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    try {
      await page.goto(`${gateway.url}/chat/status.html`);
      await page.getByTestId('ui-language').selectOption('ja');
      await page.getByTestId('receipt-no').fill(receiptNo);
      await page.getByTestId('phone-last4').fill('0000');
      await page.getByTestId('lookup-submit').click();
      await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 10_000 }).toBe('受付番号と電話番号が一致するご相談が見つかりませんでした。もう一度ご確認ください。');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('receipt-no');
      expect(await page.getByTestId('result').isHidden()).toBe(true);
      // Checked in the page before anything is sent.
      await page.getByTestId('phone-last4').fill('12');
      await page.getByTestId('lookup-submit').click();
      expect(await page.getByTestId('error').innerText()).toBe('携帯電話番号の下4桁を数字で入力してください。');
      expect(await page.getByTestId('phone-last4').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
  });
});
