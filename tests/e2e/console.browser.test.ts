import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

/** Signs the default counselor in on the console's sign-in form. */
async function signIn(page: Page): Promise<void> {
  await page.getByLabel(/User/).fill('counselor1@example.org');
  await page.getByLabel(/Password/).fill('Local-Passw0rd!');
  await page.getByLabel(/Password/).press('Enter');
  await page.locator('#who').waitFor({ state: 'visible' });
}

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

  it('holds a reply to an English-writing citizen when no translator is configured, says so, and sends Korean only when the counselor confirms', async () => {
    const sent = await gateway.sms({ from: '010-5151-6262', body: 'Where do I renew my residence card?' });
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    await gateway.settle();

    const page = await browser.newPage();
    await page.goto(`${gateway.url}/`);
    await signIn(page);
    await page.getByRole('button', { name: new RegExp(receiptNo) }).click();
    await expect.poll(() => page.locator('#detail').innerText()).toContain('residence card');

    await page.getByLabel(/답변/).fill('출입국관리사무소에서 갱신하실 수 있습니다');
    await page.getByRole('button', { name: /Send reply/ }).click();
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/awaiting translation/);
    await expect.poll(() => page.locator('#detail').innerText()).toMatch(/not sent/);
    const outboxBefore = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(outboxBefore.body.items.some((item) => item.to.endsWith('6262'))).toBe(false);

    await page.getByRole('button', { name: /Send in Korean/ }).click();
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/sent in Korean \(confirmed\)/);
    const outbox = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(outbox.body.items[0]).toMatchObject({ to: '+82 10-****-6262', body: '출입국관리사무소에서 갱신하실 수 있습니다' });

    // A counselor who writes English sends it as written.
    await page.getByLabel(/Written in/).selectOption('en');
    await page.getByLabel(/답변/).fill('You can renew it at the immigration office.');
    await page.getByRole('button', { name: /Send reply/ }).click();
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/written in the citizen's language/);
    const after = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(after.body.items[0]?.body).toBe('You can renew it at the immigration office.');
  });

  it('shows a reply the carrier did not deliver with its error code, sends it again, or records that the citizen was reached another way', async () => {
    const sent = await gateway.sms({ from: '010-7373-8484', body: '놀이터 그네가 부서졌어요' });
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    await gateway.settle();
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/`);
    await signIn(page);
    await page.getByRole('button', { name: new RegExp(receiptNo) }).click();
    await page.getByLabel(/답변/).fill('이번 주에 교체하겠습니다');
    await page.getByRole('button', { name: /Send reply/ }).click();
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/sent/);

    // The provider reports the message undelivered (Twilio 30003: unreachable handset).
    const repository = gateway.deps.complaintsApi.reply.repository;
    const detail = await gateway.api<{ complaintId: string; replies: Array<{ replyId: string; providerMessageId: string }> }>(`/api/complaints/${receiptNo}`);
    const [reply] = detail.body.replies;
    if (!reply) throw new Error('no reply');
    const undelivered = (providerMessageId: string) =>
      repository.recordDeliveryReceipt(detail.body.complaintId, reply.replyId, { providerMessageId, status: 'undelivered', errorCode: '30003', provider: 'twilio', at: new Date().toISOString() });
    await undelivered(reply.providerMessageId);
    await page.getByRole('button', { name: new RegExp(receiptNo) }).click();
    await expect.poll(() => page.locator('#detail').innerText()).toMatch(/undelivered[\s\S]*twilio 30003/);

    await page.getByRole('button', { name: /Send again/ }).click();
    const sentTo8484 = async () =>
      (await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox')).body.items.filter((item) => item.to.endsWith('8484')).map((item) => item.body);
    await expect.poll(sentTo8484).toEqual(['이번 주에 교체하겠습니다', '이번 주에 교체하겠습니다']);
    await expect.poll(() => page.locator('#detail').innerText()).not.toMatch(/Send again/);

    const again = await gateway.api<{ replies: Array<{ providerMessageId: string }> }>(`/api/complaints/${receiptNo}`);
    await undelivered(again.body.replies[0]?.providerMessageId ?? '');
    await page.getByRole('button', { name: new RegExp(receiptNo) }).click();
    await page.getByLabel(/How reached/).fill('전화로 안내함');
    await page.getByRole('button', { name: /Delivered another way/ }).click();
    await expect.poll(() => page.locator('#detail').innerText()).toContain('전화로 안내함');
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/delivered another way/);
  });
});
