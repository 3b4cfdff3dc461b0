import { describe, expect, it } from 'vitest';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';
import type { TestGateway } from '../support/local-gateway.ts';

const CASES = [
  {
    caseId: 'br-parking',
    category: '주차',
    title: '불법 주정차 신고 방법',
    question: '집 앞 불법 주정차는 어떻게 신고하나요?',
    answer: '안전신문고 앱으로 사진 두 장을 1분 간격으로 찍어 신고합니다.',
    translations: { en: { title: 'How to report illegal parking', answer: 'Report it in the Safety e-Report app with two photos a minute apart.' } },
  },
  { caseId: 'br-water', category: '상수도', title: '수도요금 고지서 재발급', question: '수도요금 고지서를 다시 받을 수 있나요?', answer: '아리수 누리집에서 고객번호로 재발급합니다.', keywords: ['water bill'] },
];

async function importCases(gateway: TestGateway): Promise<void> {
  const body = CASES.map((c) => JSON.stringify(c)).join('\n');
  const result = await gateway.api<{ imported: number }>('/api/knowledge/import', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body }, { as: 'supervisor' });
  expect(result.body.imported).toBe(CASES.length);
}

describe.runIf(browserAvailable)('the answers page in a real browser', () => {
  const { gateway, browser } = gatewayAndBrowser();

  it('finds an answer in English, shows a Korean-only answer with a note, and "this did not help" opens the chat with the question and the case', async () => {
    await importCases(gateway());
    const page = await browser().newPage();
    await page.goto(`${gateway().url}/chat/`);
    await page.getByTestId('ui-language').selectOption('en');
    expect(await page.getByTestId('answers-link').innerText()).toBe('Find an answer yourself');
    await page.getByTestId('answers-link').click();
    await page.getByTestId('search-q').waitFor();
    // The language chosen on the chat page carries over.
    // (answers.js is a module script: it runs after the form is parsed, so wait for it.)
    await expect.poll(() => page.getByTestId('ui-language').inputValue()).toBe('en');
    await page.getByTestId('search-q').fill('illegal parking');
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.getByTestId('result').first().innerText(), { timeout: 10_000 }).toBe('How to report illegal parking');

    await page.getByTestId('search-q').fill('수도요금 고지서');
    await page.getByTestId('search-q').press('Enter');
    const water = page.locator('[data-testid="result"][data-case-id="br-water"]');
    await water.waitFor();
    await water.click();
    await expect.poll(() => page.getByTestId('answer-title').innerText()).toBe('수도요금 고지서 재발급');
    expect(await page.getByTestId('answer-note').innerText()).toBe('This answer is not yet available in English; it is shown in Korean.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-title');

    await page.getByTestId('not-helped').click();
    await page.getByTestId('ask-section').waitFor({ state: 'visible' });
    const sms = await page.getByTestId('ask-sms').getAttribute('href');
    expect(decodeURIComponent(sms ?? '')).toBe('sms:120?body=수도요금 고지서를 다시 받을 수 있나요?\n[Q#br-water]');
    expect(await page.getByTestId('ask-chat').innerText()).toBe('Apply for a chat account and ask');

    await page.getByTestId('ask-chat').click();
    await page.getByTestId('apply-name').fill('김민원');
    await page.getByTestId('apply-phone').fill('010-3141-5926');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('verify-code').waitFor({ state: 'visible' });
    const outbox = await gateway().api<{ items: Array<{ body: string }> }>('/api/outbox', {}, { as: 'supervisor' });
    await page.getByTestId('verify-code').fill(/(\d{6})/.exec(outbox.body.items[0]?.body ?? '')?.[1] ?? '');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('chat-section').waitFor({ state: 'visible' });
    expect(await page.getByTestId('message-text').inputValue()).toBe('수도요금 고지서를 다시 받을 수 있나요?');

    await page.getByTestId('send-submit').click();
    await expect.poll(() => page.getByTestId('message-meta').first().innerText(), { timeout: 10_000 }).toMatch(/\d{8}-/);
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(await page.getByTestId('message-meta').first().innerText())?.[1];
    await gateway().settle();
    const complaint = await gateway().api<{ complaintId: string; selfServiceCaseIds?: string[] }>(`/api/complaints/${receiptNo}`);
    expect(complaint.body.selfServiceCaseIds).toEqual(['br-water']);
    await page.close();

    // The counselor sees, on the complaint in the workspace app, which answer did not help.
    const workspace = await browser().newPage();
    await workspace.goto(`${gateway().url}/console/#complaint=${complaint.body.complaintId}`);
    await workspace.getByLabel(/User/).fill('counselor1@example.org');
    await workspace.getByLabel(/^비밀번호 · Password/).fill(gateway().config.LOCAL_USER_PASSWORD);
    await workspace.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => workspace.locator('#detail-title').innerText()).toContain(receiptNo);
    expect(await workspace.locator('#detail-summary').innerText()).toMatch(/자가 해결 답변 · Self-service answer\s+br-water/);
    await workspace.close();
  });
});
