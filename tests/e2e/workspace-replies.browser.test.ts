import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twilioSmsSender } from '../../functions/adapters/sms/twilio-sms-sender.ts';
import type { SmsSender } from '../../functions/core/ports/sms-sender.ts';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.ts';
import type { TestGateway } from '../support/local-gateway.ts';

/**
 * Replies whose delivery needs the counselor, in the workspace app: held for want of a
 * translation (Send in Korean, Written in), not delivered (Send again, Delivered another way),
 * refused because the citizen opted out, and fitted to what a South Korean handset can show.
 */
const RECEIPT = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/;
type Outbox = { items: Array<{ to: string; body: string }> };

async function signIn(page: Page, gateway: TestGateway): Promise<void> {
  await page.goto(`${gateway.url}/`);
  await page.getByLabel(/User/).fill('counselor1@example.org');
  await page.getByLabel(/^비밀번호 · Password/).fill(gateway.config.LOCAL_USER_PASSWORD);
  await page.getByLabel(/^비밀번호 · Password/).press('Enter');
  await page.locator('#workspace').waitFor({ state: 'visible' });
}

/** Opens (or opens again, to see what changed meanwhile) a complaint by its receipt number. */
async function open(page: Page, receiptNo: string): Promise<void> {
  await page.locator('#search-kind').selectOption('receiptNo');
  await page.locator('#search-value').fill(receiptNo);
  await page.locator('#search-value').press('Enter');
  await expect.poll(() => page.locator('#detail-title').innerText()).toContain(receiptNo);
}

async function reply(page: Page, text: string, writtenIn?: string): Promise<void> {
  if (writtenIn) await page.getByLabel(/Written in/).selectOption(writtenIn);
  await page.getByLabel(/^답변 내용 · Reply/).fill(text);
  await page.getByRole('button', { name: /Send reply/ }).click();
}

describe.runIf(browserAvailable)('workspace app: replies that need the counselor', () => {
  const { gateway, browser } = gatewayAndBrowser();
  const sms = async (from: string, body: string) => {
    const sent = await gateway().sms({ from, body });
    await gateway().settle();
    return RECEIPT.exec(sent.body)?.[1] ?? '';
  };

  it('holds a reply to an English-writing citizen when no translator is configured, says so, and sends Korean only when the counselor confirms', async () => {
    const receiptNo = await sms('010-5151-6262', 'Where do I renew my residence card?');
    const page = await browser().newPage();
    await signIn(page, gateway());
    await open(page, receiptNo);
    expect(await page.locator('#messages').innerText()).toContain('residence card');

    await reply(page, '출입국관리사무소에서 갱신하실 수 있습니다');
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/awaiting translation/);
    await expect.poll(() => page.locator('#replies').innerText()).toMatch(/not sent/);
    const before = await gateway().api<Outbox>('/api/outbox');
    expect(before.body.items.some((item) => item.to.endsWith('6262'))).toBe(false);

    await page.getByRole('button', { name: /Send in Korean/ }).click();
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/sent in Korean \(confirmed\)/);
    const outbox = await gateway().api<Outbox>('/api/outbox');
    expect(outbox.body.items[0]).toMatchObject({ to: '+82 10-****-6262', body: '출입국관리사무소에서 갱신하실 수 있습니다' });
    await expect.poll(() => page.locator('#replies').innerText()).not.toMatch(/Send in Korean/);

    // A counselor who writes English sends it as written.
    await reply(page, 'You can renew it at the immigration office.', 'en');
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/written in the citizen's language/);
    const after = await gateway().api<Outbox>('/api/outbox');
    expect(after.body.items[0]?.body).toBe('You can renew it at the immigration office.');
    await page.close();
  });

  describe('through Twilio (a local server speaking its API, status callbacks signed as Twilio signs them)', () => {
    let twilio: FakeTwilioApi;
    let outboxSender: SmsSender | undefined;

    beforeAll(async () => {
      twilio = await startFakeTwilioApi({ accountSid: gateway().config.TWILIO_ACCOUNT_SID, authToken: gateway().config.TWILIO_AUTH_TOKEN });
      const replies = gateway().deps.complaintsApi.reply;
      outboxSender = replies.smsSender;
      replies.smsSender = twilioSmsSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+8215990120', baseUrl: twilio.baseUrl, statusCallbackBaseUrl: `${gateway().url}/sms/twilio/status` });
      // The callback URL Twilio signs is the gateway's, known once it listens (port 0).
      gateway().deps.twilioStatus.publicBaseUrl = gateway().url;
    });
    afterAll(async () => {
      if (outboxSender) gateway().deps.complaintsApi.reply.smsSender = outboxSender;
      await twilio?.close();
    });

    const sentTo = (number: string) => twilio.sent.filter((message) => message.to === number);

    it('shows a reply the carrier did not deliver with its error code, sends it again, or records that the citizen was reached another way', async () => {
      const receiptNo = await sms('010-7373-8484', '놀이터 그네가 부서졌어요');
      const page = await browser().newPage();
      await signIn(page, gateway());
      await open(page, receiptNo);
      await reply(page, '이번 주에 교체하겠습니다');
      await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/queued, awaiting the delivery report/);

      // Twilio reports it undelivered (30003: unreachable handset) on the signed status callback.
      const [first] = sentTo('+821073738484');
      expect(await twilio.reportStatus(first?.sid ?? '', 'undelivered', { errorCode: 30003 })).toBe(200);
      await open(page, receiptNo);
      await expect.poll(() => page.locator('#replies').innerText()).toMatch(/전달 실패 · undelivered[\s\S]*twilio 30003/);

      await page.getByRole('button', { name: /Send again/ }).click();
      await expect.poll(() => sentTo('+821073738484').map((message) => message.body)).toEqual(['이번 주에 교체하겠습니다', '이번 주에 교체하겠습니다']);
      await expect.poll(() => page.locator('#replies').innerText()).not.toMatch(/Send again/);

      const again = sentTo('+821073738484')[1];
      expect(await twilio.reportStatus(again?.sid ?? '', 'undelivered', { errorCode: 30003 })).toBe(200);
      await open(page, receiptNo);
      await page.getByLabel(/How reached/).fill('전화로 안내함');
      await page.getByRole('button', { name: /Delivered another way/ }).click();
      await expect.poll(() => page.locator('#replies').innerText()).toContain('전화로 안내함');
      await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/delivered another way/);
      await page.close();
    });

    it('says a Vietnamese reply reached a Korean handset without its tone marks, and offers another way once the citizen opted out (STOP, Twilio 21610)', async () => {
      const receiptNo = await sms('010-5555-0123', 'Đèn đường trước nhà tôi bị hỏng ba ngày rồi');
      const page = await browser().newPage();
      await signIn(page, gateway());
      await open(page, receiptNo);

      await reply(page, 'Chúng tôi sẽ sửa đèn đường vào ngày mai.', 'vi');
      await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/written in the citizen's language/);
      const [fitted] = sentTo('+821055550123');
      // đ is in KS X 1001 (EUC-KR); the tone marks are not.
      expect(fitted?.body).toBe('Chung toi se sua đen đuong vao ngay mai.');
      expect(fitted?.handsetText).toBe(fitted?.body);
      await expect.poll(() => page.locator('#replies').innerText()).toContain('sent without diacritics');
      expect(await page.locator('#replies').innerText()).toContain('Chung toi se sua đen đuong vao ngay mai.');

      twilio.optOut('+821055550123');
      await reply(page, 'Chúng tôi đã sửa xong.', 'vi');
      await expect.poll(() => page.locator('#replies').innerText()).toMatch(/수신 거부 \(STOP\) · opted out of SMS/);
      const optedOut = page.locator('#replies article.delivery-opted_out');
      expect(await optedOut.getByRole('button', { name: /Send again/ }).count()).toBe(1);
      expect(await optedOut.getByRole('button', { name: /Delivered another way/ }).count()).toBe(1);
      expect(sentTo('+821055550123')).toHaveLength(1);
      await page.close();
    });
  });
});
