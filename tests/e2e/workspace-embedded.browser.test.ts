import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hostApp, hostLog, startStandInHost, type StandIn } from '../support/agent-workspace-stand-in.ts';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const RECEIPT = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/;

/**
 * The app framed by a stand-in for the Amazon Connect agent workspace on another origin, speaking
 * the SDK's messaging protocol (tests/support/agent-workspace-stand-in.ts). What this does not
 * exercise: the real workspace's AppManager, its iframe sandbox and allow attributes, and Connect's
 * own contact data; those need a deployed instance (docs/operations/workspace-app.md).
 */
describe.runIf(browserAvailable)('the workspace app inside the agent workspace', () => {
  let allowed: StandIn;
  let other: StandIn;
  let gateway: TestGateway;
  let browser: Browser;
  const complaints: Array<{ receiptNo: string; complaintId: string }> = [];

  beforeAll(async () => {
    allowed = await startStandInHost();
    other = await startStandInHost();
    // Only the stand-in's origin may frame the app, as only the Connect instance's may in AWS.
    gateway = await startTestGateway({}, { CONSOLE_FRAME_ANCESTORS: allowed.origin });
    browser = await launchChromium();
    for (const [from, body] of [
      ['010-5050-6060', '횡단보도 신호등이 고장났어요'],
      ['010-7070-1212', '쓰레기 수거 차량이 오지 않았어요'],
    ] as const) {
      const sent = await gateway.sms({ from, body });
      const receiptNo = RECEIPT.exec(sent.body)?.[1] ?? '';
      await gateway.settle();
      const { complaintId } = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body;
      complaints.push({ receiptNo, complaintId });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await allowed?.close();
    await other?.close();
  });

  it('opens the complaint of the contact it was opened for, then of the contact the agent connects to next', async () => {
    const [first, second] = complaints;
    if (!first || !second) throw new Error('seed');
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await hostApp(page, allowed, `${gateway.url}/console/`, [
      { contactId: 'contact-1', attributes: { complaintId: first.complaintId, receiptNo: first.receiptNo } },
      // A contact started before complaint ids were attributes: the receipt number is enough.
      { contactId: 'contact-2', attributes: { receiptNo: second.receiptNo } },
    ]);
    const app = page.frameLocator('#app');
    await expect.poll(() => app.locator('#embedded-status').innerText()).toMatch(/Connected to the agent workspace|Opening the complaint/);

    await app.getByLabel(/User/).fill('counselor1@example.org');
    await app.getByLabel(/^비밀번호 · Password/).fill(gateway.config.LOCAL_USER_PASSWORD);
    await app.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => app.locator('#detail-title').innerText()).toContain(first.receiptNo);
    expect(await app.locator('#messages').innerText()).toContain('횡단보도 신호등이 고장났어요');

    await page.evaluate(() => window.standIn?.connect('contact-2'));
    await expect.poll(() => app.locator('#detail-title').innerText()).toContain(second.receiptNo);
    expect(await app.locator('#messages').innerText()).toContain('쓰레기 수거 차량이 오지 않았어요');

    const log = await hostLog(page);
    expect(log?.messages).toEqual(expect.arrayContaining(['appLifecycleHandlerCompleted', 'subscribe', 'request:contact/getAttributes']));
    expect(log?.messages.filter((type) => type === 'request:contact/getAttributes')).toHaveLength(2);
    await page.close();
  });

  it('cannot be framed by any other origin (CSP frame-ancestors)', async () => {
    const page = await browser.newPage();
    await hostApp(page, other, `${gateway.url}/console/`, [{ contactId: 'contact-1', attributes: {} }]);
    const frame = () => page.frames().find((candidate) => candidate !== page.mainFrame());
    await expect.poll(() => frame()?.url()).toMatch(/^chrome-error:/);
    expect(await page.frameLocator('#app').locator('#sign-in').count()).toBe(0);
    await page.close();
  });
});
