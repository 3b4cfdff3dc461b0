import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface ListBody {
  items: Array<{ complaintId: string; channel: string }>;
}

async function verificationCode(gateway: TestGateway): Promise<string> {
  const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
  const code = /(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1];
  if (!code) throw new Error('no verification code in the outbox');
  return code;
}

async function reply(gateway: TestGateway, complaintId: string, text: string, replyId: string) {
  return gateway.api<{ delivery: string }>(`/api/complaints/${complaintId}/replies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, replyId, counselor: 'lee' }),
  });
}

describe.runIf(browserAvailable)('citizen chat page in a real browser, over the real WebSocket protocol', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it("shows the server's refusals in the page's language, with the attempts left, and again in the language switched to", async () => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const korean = await context.newPage();
    try {
      await korean.goto(`${gateway.url}/chat/`);
      await korean.getByTestId('ui-language').selectOption('ko');
      await korean.getByTestId('apply-name').fill('박오류');
      await korean.getByTestId('apply-phone').fill('010-12');
      await korean.getByTestId('apply-submit').click();
      const error = korean.getByTestId('error');
      await expect.poll(() => error.innerText(), { timeout: 10_000 }).toBe('휴대전화 번호를 확인해 주세요. 예: 010-1234-5678');

      await korean.getByTestId('apply-phone').fill('010-9753-1864');
      await korean.getByTestId('apply-submit').click();
      await korean.getByTestId('verify-code').waitFor({ state: 'visible' });
      const sent = await verificationCode(gateway);
      await korean.getByTestId('verify-code').fill(sent === '000000' ? '111111' : '000000');
      await korean.getByTestId('verify-submit').click();
      await expect.poll(() => error.innerText(), { timeout: 10_000 }).toBe('인증번호가 맞지 않습니다. 4번 더 입력할 수 있습니다.');
      expect(await error.innerText()).not.toMatch(/[A-Za-z]/);

      await korean.getByTestId('ui-language').selectOption('vi');
      expect(await error.innerText()).toBe('Mã xác minh không đúng. Bạn còn 4 lần thử.');
    } finally {
      await context.close();
    }
  });

  it('applies for a chat account and verifies the number with the code sent by SMS, using the keyboard only', async () => {
    await page.goto(`${gateway.url}/chat/`);
    await page.getByTestId('apply-name').focus();
    await page.keyboard.type('김청각');
    await page.keyboard.press('Tab');
    await page.getByTestId('apply-phone').focus();
    await page.keyboard.type('010-2468-1357');
    await page.getByTestId('apply-submit').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('verify-code').waitFor({ state: 'visible' });
    await page.getByTestId('verify-code').focus();
    await page.keyboard.type(await verificationCode(gateway));
    await page.getByTestId('verify-submit').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('message-text').waitFor({ state: 'visible' });
    // Every control the citizen needs has an accessible name.
    expect(await page.getByLabel(/.+/).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('messages').getAttribute('aria-live')).toBeTruthy();
  });

  it('sends a message, shows the receipt number, and shows the counselor reply live', async () => {
    await expect.poll(() => page.getByTestId('connection-status').innerText(), { timeout: 10_000 }).toMatch(/./);
    await page.getByTestId('message-text').focus();
    await page.keyboard.type('수어 통역 상담을 받고 싶어요');
    await page.keyboard.press('Enter');
    const sent = page.locator('li[data-testid=message-citizen]').first();
    await expect.poll(() => sent.locator('.meta').innerText(), { timeout: 10_000 }).toMatch(/\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/);

    await gateway.settle();
    const list = await gateway.api<ListBody>('/api/complaints?channel=chat');
    expect(list.body.items).toHaveLength(1);
    const complaintId = list.body.items[0]!.complaintId;
    const answered = await reply(gateway, complaintId, '내일 오전 10시에 수어 상담이 가능합니다', 'chat-reply-0001');
    expect(answered.status).toBeLessThan(300);
    await expect
      .poll(() => page.locator('li[data-testid=message-counselor]').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('내일 오전 10시에 수어 상담이 가능합니다')]);
  });

  it('reconnects after a network drop and receives the reply written meanwhile, without losing or repeating messages', async () => {
    const list = await gateway.api<ListBody>('/api/complaints?channel=chat');
    const complaintId = list.body.items[0]!.complaintId;
    gateway.chat.dropAll();
    await expect.poll(() => gateway.chat.connectionCount()).toBe(0);
    // Written while the citizen is offline: kept, then delivered on reconnect.
    await reply(gateway, complaintId, '연결이 끊긴 동안 보낸 답변입니다', 'chat-reply-0002');
    await expect.poll(() => gateway.chat.connectionCount(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('li[data-testid=message-counselor]').allInnerTexts(), { timeout: 20_000 })
      .toEqual([expect.stringContaining('수어 상담이 가능합니다'), expect.stringContaining('연결이 끊긴 동안 보낸 답변입니다')]);

    await page.getByTestId('message-text').focus();
    await page.keyboard.type('감사합니다');
    await page.keyboard.press('Enter');
    const receipt = /\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/;
    await expect
      .poll(async () => (await page.locator('li[data-testid=message-citizen] .meta').allInnerTexts()).filter((meta) => receipt.test(meta)).length, { timeout: 10_000 })
      .toBe(2);
    await gateway.settle();
    const all = await gateway.api<ListBody>('/api/complaints?channel=chat');
    expect(all.body.items.map((item) => item.complaintId)).toEqual([complaintId]);
    const detail = await gateway.api<{ messages: Array<{ text: string }> }>(`/api/complaints/${complaintId}`);
    expect(detail.body.messages.map((message) => message.text)).toEqual(['수어 통역 상담을 받고 싶어요', '감사합니다']);
    await page.screenshot({ path: '.bench/chat.png', fullPage: true }).catch(() => undefined);
  });

  it('when its token is revoked elsewhere, the page is told, signs out and does not reconnect with the dead token', async () => {
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('citizenChat.token') ?? 'null') as string | null);
    expect(token).toBeTruthy();
    await expect.poll(() => gateway.chat.connectionCount(), { timeout: 10_000 }).toBe(1);
    const revoked = await gateway.api<{ status: string; closedConnections: number }>('/chat/tokens/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(revoked.body).toEqual({ status: 'revoked', closedConnections: 1 });
    await page.getByTestId('apply-name').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('error').innerText()).toMatch(/./);
    expect(await page.evaluate(() => sessionStorage.getItem('citizenChat.token'))).toBeNull();
    // No reconnect scheduled with the revoked token (the page's first retry would come after 1 s).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(gateway.chat.connectionCount()).toBe(0);
    expect(await page.getByTestId('connection-status').innerText()).not.toMatch(/다시 연결|Reconnecting/);
  });
});
