import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe.runIf(browserAvailable)('the citizen report page files complaints through the Open311 API, in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('is reached from the chat page and files a report by keyboard: category, its required attribute, place, photo, phone', async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    try {
      await page.goto(`${gateway.url}/chat/`);
      await page.getByTestId('report-link').click();
      await expect.poll(() => page.getByLabel('분류').locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(20);

      // Every control is reached and named through its label, as a screen reader announces it.
      await page.getByLabel('분류').selectOption('roads');
      const hazard = page.getByLabel('무엇이 문제인가요? (필수)');
      await expect.poll(() => hazard.count(), { timeout: 10_000 }).toBe(1);
      await hazard.selectOption('pothole');
      await page.getByLabel('내용').fill('시청 앞 횡단보도 옆에 큰 포트홀이 있어요');
      await page.getByLabel('주소 또는 장소 설명').fill('서울 중구 세종대로 110');
      await page.getByLabel('사진 (선택)').setInputFiles({ name: 'pothole.png', mimeType: 'image/png', buffer: PNG });
      await page.getByLabel('휴대전화 번호').fill('010-3456-7890');
      await page.getByTestId('submit').focus();
      await page.keyboard.press('Enter');

      const done = page.getByTestId('done');
      await expect.poll(() => done.innerText(), { timeout: 15_000 }).toMatch(/접수번호 \d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('done');
      const id = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(await done.innerText())?.[1] ?? '';

      await gateway.settle();
      const public311 = (await (await fetch(`${gateway.url}/open311/v2/requests/${id}.json`)).json()) as Array<Record<string, unknown>>;
      expect(public311[0]).toMatchObject({ service_code: 'roads', address: '서울 중구 세종대로 110', media_url: `${gateway.url}/open311/media/${id}/0.png` });
      const staff = await gateway.api<{ channel: string; citizen: string }>(`/api/complaints/${id}`);
      expect(staff.body).toMatchObject({ channel: 'web', citizen: '+82 10-****-7890' });
    } finally {
      await context.close();
    }
  });

  it("uses the browser's location when asked, and says what it put in", async () => {
    const context = await browser.newContext({ locale: 'en-US', geolocation: { latitude: 37.5665, longitude: 126.978 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    try {
      await page.goto(`${gateway.url}/chat/report.html`);
      await expect.poll(() => page.getByLabel('Category').locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(20);
      await page.getByLabel('Category').selectOption('transit');
      await page.getByLabel('Description', { exact: true }).fill('The bus stop sign fell over');
      await page.getByRole('button', { name: 'Use my location' }).click();
      await expect.poll(() => page.getByTestId('location-status').innerText()).toBe('Your location was added (latitude 37.566500, longitude 126.978000).');
      await page.getByRole('button', { name: 'Send report' }).click();
      await expect.poll(() => page.getByTestId('done').innerText(), { timeout: 15_000 }).toMatch(/Your report number is/);
      const id = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(await page.getByTestId('done').innerText())?.[1] ?? '';
      await gateway.settle();
      const [request] = (await (await fetch(`${gateway.url}/open311/v2/requests/${id}.json`)).json()) as Array<Record<string, unknown>>;
      expect(request).toMatchObject({ lat: 37.5665, long: 126.978, address: null, service_code: 'transit' });
    } finally {
      await context.close();
    }
  });

  it('names every problem in an alert that takes the focus, and sends nothing', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${gateway.url}/chat/report.html`);
      await expect.poll(() => page.getByLabel('Category').locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(20);
      await page.getByRole('button', { name: 'Send report' }).click();
      const errors = page.getByRole('alert');
      await expect.poll(() => errors.innerText()).toContain('Please choose a category.');
      expect(await errors.innerText()).toContain('Please type an address or use your location.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('errors');

      // A refusal of the API itself (a required attribute left out) is shown the same way.
      await page.getByLabel('Category').selectOption('roads');
      await expect.poll(() => page.getByLabel('What is wrong? (required)').count(), { timeout: 10_000 }).toBe(1);
      await page.getByLabel('Address or description of the place').fill('Sejong-daero 110');
      await page.getByRole('button', { name: 'Send report' }).click();
      await expect.poll(() => errors.innerText(), { timeout: 10_000 }).toContain('attribute hazard is required for service_code roads');
    } finally {
      await context.close();
    }
  });
});
