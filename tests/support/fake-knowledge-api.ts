import type { Page, Route } from 'playwright-core';

/**
 * A stand-in for the knowledge routes in the browser (GET /api/knowledge/search, /cases/{id},
 * POST /api/knowledge/feedback, GET /api/quick-responses, POST /api/quick-responses/{id}/fill),
 * answering in the shapes of their contract, and the `suggestedCases` the intake pipeline stores on a
 * complaint. Every call the app makes is recorded.
 */
export const FAKE_CASE = {
  caseId: '10231',
  category: '도로·시설물',
  title: '고장난 가로등 신고',
  question: '집 앞 가로등이 꺼져 있어요. 어디에 신고하나요?',
  answer: '가로등 고장은 관할 구청 도로과에서 수리합니다. 가로등 기둥의 관리번호를 알려 주시면 더 빨리 처리됩니다.',
  agency: '자치구 도로과',
  translations: { en: { title: 'Broken streetlight', answer: 'The district office repairs streetlights. The number on the pole speeds things up.' } },
};
export const FAKE_QUICK_RESPONSE = { id: 'qr-receipt', shortcut: '접수', language: 'ko', title: '접수 안내', text: '민원이 접수되었습니다. 접수번호는 {receiptNo}입니다.' };

export interface KnowledgeCalls {
  searches: string[];
  feedback: unknown[];
  fills: Array<{ id: string; body: unknown }>;
}

export async function fakeKnowledgeApi(page: Page): Promise<KnowledgeCalls> {
  const calls: KnowledgeCalls = { searches: [], feedback: [], fills: [] };
  const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  const hit = { caseId: FAKE_CASE.caseId, title: FAKE_CASE.title, category: FAKE_CASE.category, score: 0.82, snippet: '가로등 고장은 관할 구청 도로과에서 수리합니다.' };
  await page.route('**/api/knowledge/search?**', (route) => {
    calls.searches.push(new URL(route.request().url()).searchParams.get('q') ?? '');
    return json(route, { items: [hit] });
  });
  await page.route(`**/api/knowledge/cases/${FAKE_CASE.caseId}`, (route) => json(route, FAKE_CASE));
  await page.route('**/api/knowledge/feedback', (route) => {
    calls.feedback.push(route.request().postDataJSON());
    return json(route, { recorded: true });
  });
  await page.route('**/api/quick-responses?**', (route) => json(route, { items: [FAKE_QUICK_RESPONSE] }));
  await page.route('**/api/quick-responses/*/fill', (route) => {
    const body = route.request().postDataJSON() as { complaintId: string };
    calls.fills.push({ id: new URL(route.request().url()).pathname.split('/').at(-2) ?? '', body });
    return json(route, { text: FAKE_QUICK_RESPONSE.text.replace('{receiptNo}', '(접수번호)') });
  });
  // The complaint detail as the real API answers it, plus the suggestions intake stores on it.
  await page.route(/\/api\/complaints\/cmp_[0-9a-z]{24}$/, async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    const detail = (await response.json()) as Record<string, unknown>;
    return json(route, { suggestedCases: [hit], ...detail });
  });
  return calls;
}
