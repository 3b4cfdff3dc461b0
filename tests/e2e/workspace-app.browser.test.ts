import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { loadFixture } from '../support/fixtures.ts';
import { expectRealHangulGlyphs } from '../support/hangul-rendering.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';
import { RECEIPT_QUICK_RESPONSE, STREETLIGHT_CASE, seedWorkspaceKnowledge } from '../support/workspace-knowledge.ts';

const RECEIPT = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/;

/** What has the keyboard focus: its id, or the complaint id of a queue item. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-id') || document.activeElement?.tagName || '');

async function signInWithKeyboard(page: Page, gateway: TestGateway, user = 'counselor1@example.org'): Promise<void> {
  await page.goto(`${gateway.url}/`);
  await expect.poll(() => focused(page)).toBe('sign-in-user');
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(gateway.config.LOCAL_USER_PASSWORD);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#who').innerText()).toContain(user);
}

/** Moves the focus with Tab until `id` has it (at most `limit` presses): keyboard-only navigation. */
async function tabTo(page: Page, id: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

describe.runIf(browserAvailable)('counselor workspace app in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let receiptNo: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
    // The knowledge first, so intake suggests its cases for the complaints that follow.
    await seedWorkspaceKnowledge(gateway);
    const sent = await gateway.sms({ from: '010-4321-8765', body: '집 앞 가로등이 사흘째 꺼져 있어요' });
    receiptNo = RECEIPT.exec(sent.body)?.[1] ?? '';
    await gateway.sms({ from: '010-2222-3333', body: 'The bus stop sign near my house is broken' });
    await gateway.settle();
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
    await page.getByLabel(/^비밀번호 · Password/).fill('wrong-password-1');
    await page.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => page.locator('#sign-in-result').innerText()).toMatch(/Sign-in failed/);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    await page.close();
  });

  it('works a complaint with the keyboard only: find it by receipt number, quote a suggested case, reply, close it, transfer it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'ko-KR' });
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await signInWithKeyboard(page, gateway);

    // The queue: open complaints, the one due first first, each with its KST due time.
    await expect.poll(() => page.locator('#complaints').innerText()).toContain(receiptNo);
    expect(await page.locator('#complaints').innerText()).toMatch(/기한 · due \d{4}-\d{2}-\d{2} 18:00 KST/);

    // Find by receipt number: the only result opens, and the focus moves to it.
    await tabTo(page, 'search-value');
    await page.keyboard.type(receiptNo.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain(receiptNo);
    await expect.poll(() => focused(page)).toBe('detail-title');
    expect(await page.locator('#messages').innerText()).toContain('집 앞 가로등이 사흘째 꺼져 있어요');
    expect(await page.locator('#detail-summary').innerText()).toContain('+82 10-****-8765');

    // The suggestions intake stored on the complaint (the real search, at intake), the best first;
    // quote one into the reply with the keyboard.
    const stored = await gateway.api<{ suggestedCases: Array<{ caseId: string; title: string }> }>(`/api/complaints/${receiptNo}`);
    expect(stored.body.suggestedCases[0]).toMatchObject({ caseId: STREETLIGHT_CASE.caseId, title: STREETLIGHT_CASE.title });
    await expect.poll(() => page.locator('#suggestions li').first().innerText()).toContain(STREETLIGHT_CASE.title);
    await page.getByRole('button', { name: `답변에 인용 · Quote in the reply: ${STREETLIGHT_CASE.title}` }).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#reply-text').inputValue()).toBe(STREETLIGHT_CASE.answer);
    expect(await focused(page)).toBe('reply-text');
    await page.keyboard.type(' 내일 오전 중 수리하겠습니다.');
    // The mark reaches the knowledge API as the signed-in counselor.
    const marked = page.waitForResponse((response) => response.url().endsWith('/api/knowledge/feedback'));
    await page.getByRole('button', { name: `도움됨 · Helpful: ${STREETLIGHT_CASE.title}` }).first().focus();
    await page.keyboard.press('Enter');
    const feedback = await marked;
    expect(feedback.status()).toBe(200);
    expect(await feedback.json()).toMatchObject({ complaintId: expect.stringMatching(/^cmp_/), caseId: STREETLIGHT_CASE.caseId, helpful: true, by: { id: 'counselor1@example.org', role: 'counselor' } });

    await page.getByRole('button', { name: /Send reply/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#reply-result').innerText()).toMatch(/발송됨 · sent/);
    await expect.poll(() => page.locator('#replies').innerText()).toContain('내일 오전 중 수리하겠습니다.');
    const outbox = await gateway.api<{ items: Array<{ to: string; body: string }> }>('/api/outbox');
    expect(outbox.body.items.at(-1)).toMatchObject({ to: '+82 10-****-8765', body: `${STREETLIGHT_CASE.answer} 내일 오전 중 수리하겠습니다.` });

    // The reply answered it; close it with a reason, choosing the status with the arrow keys.
    await expect.poll(() => page.locator('#detail-summary').innerText()).toContain('답변 완료 · answered');
    await tabTo(page, 'status-to');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#status-to').inputValue()).toBe('closed');
    await page.keyboard.press('Tab');
    await page.keyboard.type('수리 일정 안내 완료');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-summary').innerText()).toContain('종결 · closed');
    await expect.poll(() => page.locator('#history').innerText()).toContain('수리 일정 안내 완료');

    // Transfer to a district office, with a reason.
    await tabTo(page, 'assign-agency');
    await page.keyboard.type('강남구청');
    await page.keyboard.press('Tab');
    await page.keyboard.type('관할 구청 도로과 처리');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-summary').innerText()).toContain('강남구청');
    await expect.poll(() => page.locator('#history').innerText()).toMatch(/기관 · agency: — → 강남구청/);
    expect(await page.locator('#history').innerText()).toContain('counselor:counselor1@example.org');

    // Real Korean glyphs, not boxes, in the complaint as drawn.
    await expectRealHangulGlyphs(page, '#messages .original', 8);
    await page.screenshot({ path: '.bench/workspace-app.png', fullPage: true }).catch(() => undefined);
    expect(urls.filter((url) => url.includes('8765'))).toEqual([]);
    await page.close();
  });

  it('finds a citizen by phone number in a POST body: the number never appears in a URL', async () => {
    const page = await browser.newPage();
    const posted: Array<{ url: string; body: string | null }> = [];
    page.on('request', (request) => posted.push({ url: request.url(), body: request.postData() }));
    await signInWithKeyboard(page, gateway);
    await page.locator('#search-kind').selectOption('phone');
    await page.locator('#search-value').fill('010 2222 3333');
    await page.locator('#search-value').press('Enter');
    await expect.poll(() => page.locator('#detail-summary').innerText()).toContain('+82 10-****-3333');
    expect(await page.locator('#messages').innerText()).toContain('The bus stop sign near my house is broken');
    // The detail may already show from an earlier step; the search request itself is what is checked.
    await expect.poll(() => posted.find((request) => request.url.endsWith('/api/complaints/search'))?.body).toBe(JSON.stringify({ phone: '010 2222 3333' }));
    expect(posted.filter((request) => /2222.?3333/.test(request.url))).toEqual([]);
    await page.close();
  });

  it('keeps the keyboard focus on the same queue item while the 3-second refresh redraws the queue', async () => {
    const page = await browser.newPage();
    await signInWithKeyboard(page, gateway);
    await page.locator('#filter-order').selectOption('newest');
    await expect.poll(() => page.locator('#complaints button').count()).toBeGreaterThan(0);
    const first = page.locator('#complaints button').first();
    const id = await first.getAttribute('data-id');
    await first.focus();
    const before = await page.locator('#complaints button').count();
    await gateway.sms({ from: '010-9999-0000', body: '새로 들어온 민원입니다' });
    await gateway.settle();
    // The refresh adds the new complaint at the top; the focused item keeps the focus.
    await expect.poll(() => page.locator('#complaints button').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await focused(page)).toBe(id);
    await page.close();
  });

  it('opens the complaint a link names (#complaint=, the reference of a Connect task) once signed in', async () => {
    const page = await browser.newPage();
    const { complaintId } = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body;
    await page.goto(`${gateway.url}/console/#complaint=${complaintId}`);
    await page.getByLabel(/User/).fill('counselor1@example.org');
    await page.getByLabel(/^비밀번호 · Password/).fill(gateway.config.LOCAL_USER_PASSWORD);
    await page.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain(receiptNo);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    await page.close();
  });

  it('shows on a call whether the caller agreed to status notices by SMS', async () => {
    const call = loadFixture<{ Details: { ContactData: { ContactId: string }; Parameters: Record<string, string> } }>('connect', 'flow-event-voice-inbound');
    call.Details.ContactData.ContactId = 'workspace-consent-call';
    call.Details.Parameters.smsNotices = 'granted';
    const started = await fetch(`${gateway.url}/connect/contact-start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) });
    const { complaintId } = (await started.json()) as { complaintId: string };
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/console/#complaint=${complaintId}`);
    await page.getByLabel(/User/).fill('counselor1@example.org');
    await page.getByLabel(/^비밀번호 · Password/).fill(gateway.config.LOCAL_USER_PASSWORD);
    await page.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => page.locator('#detail-summary').innerText()).toMatch(/SMS 알림 · SMS notices\s+동의 · agreed \d{4}-\d{2}-\d{2} \d{2}:\d{2} KST/);
    await page.close();
  });

  it('searches the knowledge base, opens a case and inserts a quick response filled for the complaint, all through the real knowledge routes', async () => {
    const page = await browser.newPage();
    await signInWithKeyboard(page, gateway);
    await page.locator('#search-value').fill(receiptNo);
    await page.locator('#search-value').press('Enter');
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain(receiptNo);

    // Korean as people type it: spacing left out.
    await page.locator('#knowledge-q').fill('가로등고장');
    await page.locator('#knowledge-q').press('Enter');
    await expect.poll(() => page.locator('#knowledge-results li').first().innerText()).toContain(STREETLIGHT_CASE.title);
    await page.locator('#knowledge-results').getByRole('button', { name: `사례 보기 · View the case: ${STREETLIGHT_CASE.title}` }).press('Enter');
    await expect.poll(() => page.locator('#case-view').innerText()).toContain(STREETLIGHT_CASE.answer);
    expect(await page.locator('#case-view').innerText()).toContain(STREETLIGHT_CASE.agency);
    expect(await focused(page)).toBe('case-view');

    await page.locator('#reply-text').fill('');
    await page.locator('#quick-q').fill(RECEIPT_QUICK_RESPONSE.shortcut);
    await page.locator('#quick-q').press('Enter');
    await page.getByRole('button', { name: `답변에 넣기 · Insert: ${RECEIPT_QUICK_RESPONSE.title}` }).press('Enter');
    await expect.poll(() => page.locator('#reply-text').inputValue()).toBe(RECEIPT_QUICK_RESPONSE.ko.replace('{receiptNo}', receiptNo));
    await page.close();
  });
});
