import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startFakePushService, type FakePushService } from '../support/fake-push-service.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const RECEIPT = /\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/;

interface Manifest {
  id: string;
  lang: string;
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.runIf(browserAvailable)('the citizen site as an installable app, in chromium', () => {
  let pushService: FakePushService;
  let gateway: TestGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    pushService = await startFakePushService();
    gateway = await startTestGateway({ pushService: { origin: pushService.origin, agent: pushService.agent } });
    browser = await launchChromium();
    context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: gateway.url });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await pushService?.close();
  });

  it('links a manifest chromium parses without errors, with 192 and 512 PNG icons of those sizes and a maskable one', async () => {
    await page.goto(`${gateway.url}/chat/`);
    // The page starts in the browser's language (en-US here) and links that language's manifest.
    const lang = await page.evaluate(() => document.documentElement.lang);
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    expect(href).toBe(`manifest-${lang}.webmanifest`);
    const cdp = await context.newCDPSession(page);
    const { errors, data } = (await cdp.send('Page.getAppManifest')) as { errors: Array<{ message: string }>; data?: string };
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data ?? '{}') as Manifest;
    expect(manifest).toMatchObject({ id: '/chat/', lang, start_url: './', scope: './', display: 'standalone' });
    expect(manifest.name).toContain('120');
    const base = new URL(href!, `${gateway.url}/chat/`);
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, base));
      expect(response.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await response.arrayBuffer()));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    await cdp.detach();
  });

  it('has a manifest in each of the six languages, named in that language, and links the one of the language chosen', async () => {
    const names = new Set<string>();
    for (const lang of ['ko', 'en', 'zh', 'ja', 'vi', 'mn']) {
      const response = await fetch(`${gateway.url}/chat/manifest-${lang}.webmanifest`);
      expect(response.headers.get('content-type')).toContain('application/manifest+json');
      const manifest = (await response.json()) as Manifest;
      expect(manifest.lang).toBe(lang);
      names.add(manifest.short_name);
    }
    expect(names.size).toBe(6);
    await page.getByTestId('ui-language').selectOption('vi');
    await expect.poll(() => page.locator('link[rel=manifest]').getAttribute('href')).toBe('manifest-vi.webmanifest');
    await page.getByTestId('ui-language').selectOption('en');
    await expect.poll(() => page.locator('link[rel=manifest]').getAttribute('href')).toBe('manifest-en.webmanifest');
  });

  it('registers a service worker for /chat/ that controls the page once reloaded', async () => {
    const scriptUrl = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(scriptUrl).toBe(`${gateway.url}/chat/sw.js`);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${gateway.url}/chat/sw.js`);
  });

  it('with the network off, opens the offline page: the 120 number and the receipts this device has seen, in the language chosen', async () => {
    // A chat account and one message: its receipt number is kept on the device.
    await page.getByTestId('apply-name').fill('김청각');
    await page.getByTestId('apply-phone').fill('010-2468-1357');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('verify-code').waitFor({ state: 'visible' });
    const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
    await page.getByTestId('verify-code').fill(/(\d{6})/.exec(outbox.body.items[0]?.body ?? '')![1]!);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('message-text').fill('휴대폰으로 알림을 받을 수 있나요?');
    await page.keyboard.press('Enter');
    const meta = page.locator('li[data-testid=message-citizen] .meta').first();
    await expect.poll(() => meta.innerText(), { timeout: 10_000 }).toMatch(RECEIPT);
    const receiptNo = RECEIPT.exec(await meta.innerText())![0];

    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByTestId('offline-heading').waitFor();
      expect(await page.getByTestId('offline-heading').innerText()).toBe('You are not connected to the internet');
      expect(await page.getByTestId('call-120').getAttribute('href')).toBe('tel:120');
      expect(await page.getByTestId('call-120').innerText()).toBe('Call 120');
      expect(await page.getByTestId('call-120-hint').innerText()).toContain('02-120');
      expect(await page.getByTestId('device-receipt').allInnerTexts()).toEqual([expect.stringContaining(receiptNo)]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await context.setOffline(false);
    }
  });

  it('delivers a counselor answer written while the app is closed by Web Push, and the service worker shows it', async () => {
    // Chromium's own push service is not reachable here: PushManager.subscribe answers with a
    // subscription the local push service issued, and the page stores it as it would a real one.
    const browserSide = pushService.subscribe();
    await context.addInitScript((subscription) => {
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        (window as unknown as { applicationServerKey: number[] }).applicationServerKey = Array.from(new Uint8Array(options?.applicationServerKey as ArrayBuffer));
        return { endpoint: subscription.endpoint, toJSON: () => subscription } as unknown as PushSubscription;
      };
    }, browserSide);
    await page.goto(`${gateway.url}/chat/`);
    await page.getByTestId('message-text').waitFor({ state: 'visible' });
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('citizenChat.token') ?? 'null') as string);
    await page.getByTestId('push-enable').click();
    await expect.poll(() => page.getByTestId('push-status').innerText()).toBe('Answer notifications are on for this device.');
    expect(await page.getByTestId('push-enable').isHidden()).toBe(true);
    // The page subscribed with the gateway's VAPID public key (RFC 8292 §3.2: the applicationServerKey).
    const { publicKey } = (await (await fetch(`${gateway.url}/chat/push/key`)).json()) as { publicKey: string };
    expect(await page.evaluate(() => (window as unknown as { applicationServerKey: number[] }).applicationServerKey)).toEqual([...Buffer.from(publicKey, 'base64url')]);

    // The app is closed: no chat connection takes the answer.
    await page.close();
    await expect.poll(() => gateway.chat.connectionCount(), { timeout: 10_000 }).toBe(0);
    await gateway.settle();
    const list = await gateway.api<{ items: Array<{ complaintId: string }> }>('/api/complaints?channel=chat');
    const complaintId = list.body.items[0]!.complaintId;
    const answer = await gateway.api<{ delivery: string; providerMessageId: string }>(`/api/complaints/${complaintId}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '네, 알림을 켜시면 답변이 도착할 때 알려 드립니다', replyId: 'pwa-reply-0001', counselor: 'lee' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body.providerMessageId).toBe('push:pwa-reply-0001');
    expect(pushService.refused).toEqual([]);
    const pushed = pushService.received.filter((received) => browserSide.endpoint.endsWith(received.id));
    expect(pushed).toHaveLength(1);
    const payload = pushed[0]!.payload;
    expect(JSON.parse(payload)).toMatchObject({ type: 'reply', replyId: 'pwa-reply-0001', text: '네, 알림을 켜시면 답변이 도착할 때 알려 드립니다' });

    // The push service hands the decrypted message to the browser's service worker.
    page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: typeof registrations }) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${gateway.url}/chat/`);
    await expect.poll(() => registrations.find((registration) => registration.scopeURL === `${gateway.url}/chat/` && !registration.isDeleted)?.registrationId).toBeTruthy();
    const registrationId = registrations.find((registration) => registration.scopeURL === `${gateway.url}/chat/`)!.registrationId;
    await page.evaluate(() => navigator.serviceWorker.ready);
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: gateway.url, registrationId, data: payload });
    const shown = () =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((notification) => ({ title: notification.title, body: notification.body, tag: notification.tag })));
    // In the answer's language (the citizen wrote Korean), whatever the page's language.
    await expect.poll(shown, { timeout: 10_000 }).toEqual([{ title: '120 상담 답변이 도착했습니다', body: '네, 알림을 켜시면 답변이 도착할 때 알려 드립니다', tag: 'reply-pwa-reply-0001' }]);
    // The same answer pushed again replaces its notification (same tag) instead of adding one.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: gateway.url, registrationId, data: payload });
    await expect.poll(async () => (await shown()).length).toBe(1);
    // The push is on top of the chat delivery: the answer still waits for the chat's next sync.
    const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/chat`, ['citizen-chat', token]);
    const frames: Array<{ type: string; replyId?: string }> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as { type: string; replyId?: string }));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ action: 'sync' }));
    await expect.poll(() => frames.filter((frame) => frame.type === 'reply').map((frame) => frame.replyId), { timeout: 10_000 }).toEqual(['pwa-reply-0001']);
    socket.close();
  });
});
