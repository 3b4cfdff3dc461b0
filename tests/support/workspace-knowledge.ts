import type { TestGateway } from './local-gateway.ts';

/**
 * A few cases and one quick response put into a test gateway's real knowledge base through its
 * API, as a supervisor would (import, then save): complaints sent afterwards get their suggestions
 * from the real search at intake, and the workspace app reads them through the real routes.
 */
export const STREETLIGHT_CASE = {
  caseId: 'ws-10231',
  category: '도로·시설물',
  title: '고장난 가로등 신고',
  question: '집 앞 가로등이 꺼져 있어요. 어디에 신고하나요?',
  answer: '가로등 고장은 관할 구청 도로과에서 수리합니다. 가로등 기둥의 관리번호를 알려 주시면 더 빨리 처리됩니다.',
  agency: '자치구 도로과',
  keywords: ['가로등', '보안등', '고장'],
  translations: { en: { title: 'Broken streetlight', answer: 'The district office repairs streetlights. The number on the pole speeds things up.' } },
};
const OTHER_CASES = [
  {
    caseId: 'ws-20417',
    category: '교통',
    title: '버스 정류장 표지판 파손',
    question: '버스 정류장 안내 표지판이 부서졌어요',
    answer: '버스 정류장 시설물은 서울시 버스정책과에서 관리합니다. 정류장 이름과 번호를 알려 주세요.',
    agency: '서울특별시 버스정책과',
  },
  {
    caseId: 'ws-30552',
    category: '주차',
    title: '불법 주정차 신고',
    question: '골목에 불법 주차된 차 때문에 지나갈 수가 없어요',
    answer: '불법 주정차는 안전신문고 앱이나 120으로 신고하시면 관할 구청이 단속합니다.',
    agency: '구청 주차관리과',
  },
];
export const RECEIPT_QUICK_RESPONSE = { shortcut: '접수', title: '접수 안내', ko: '민원이 접수되었습니다. 접수번호는 {receiptNo}입니다.' };

export async function seedWorkspaceKnowledge(gateway: TestGateway): Promise<void> {
  const ndjson = [STREETLIGHT_CASE, ...OTHER_CASES].map((c) => JSON.stringify(c)).join('\n');
  const imported = await gateway.api<{ imported: number; rejected: unknown[] }>('/api/knowledge/import', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson }, { as: 'supervisor' });
  if (imported.status !== 200 || imported.body.imported !== 3) throw new Error(`knowledge import failed: ${imported.status} ${JSON.stringify(imported.body)}`);
  const saved = await gateway.api(
    `/api/quick-responses/${encodeURIComponent(RECEIPT_QUICK_RESPONSE.shortcut)}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: RECEIPT_QUICK_RESPONSE.title, texts: { ko: RECEIPT_QUICK_RESPONSE.ko } }) },
    { as: 'supervisor' },
  );
  if (saved.status !== 200) throw new Error(`quick response not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
}
