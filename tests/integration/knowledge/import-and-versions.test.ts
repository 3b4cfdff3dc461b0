import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCaseStore } from '../../../functions/adapters/knowledge/dynamodb-case-store.ts';
import { ForbiddenActionError, StaleCaseVersionError, UnreadableImportError } from '../../../functions/core/knowledge/errors.ts';
import { createImportKnowledge } from '../../../functions/core/knowledge/import-knowledge.ts';
import { hangulBm25Engine } from '../../../functions/adapters/knowledge/hangul-bm25-engine.ts';
import { createDynamoIndexManifestStore } from '../../../functions/adapters/knowledge/dynamodb-case-store.ts';
import { STARTER_CSV } from '../../support/knowledge-corpus.ts';
import { recordingLog } from '../reservations/harness.ts';
import { COUNSELOR, SUPERVISOR, ndjson, ownCase, startKnowledgeHarness, type KnowledgeHarness } from './harness.ts';

describe('knowledge import and versions on the complaint table', () => {
  let h: KnowledgeHarness;
  beforeAll(async () => {
    h = await startKnowledgeHarness();
  });
  afterAll(async () => h.table.close());

  const search = (q: string) => h.kb.searchKnowledge({ q, limit: 3 }, COUNSELOR).then((r) => r.items.map((i) => i.caseId));

  it('imports the starter set in the open-data CSV shape, and importing it again changes nothing', async () => {
    const csv = readFileSync(STARTER_CSV);
    const first = await h.kb.importKnowledge(csv, 'text/csv; charset=utf-8', SUPERVISOR);
    expect(first).toEqual({ imported: 306, unchanged: 0, rejected: [] });
    const manifest = await h.kb.stores.manifests.get();
    expect(manifest?.caseCount).toBe(306);
    expect(await search('불법 주차 신고')).toContain('120-10028');

    h.clock.set('2026-03-02T02:00:00.000Z');
    const again = await h.kb.importKnowledge(csv, 'text/csv', SUPERVISOR);
    expect(again).toEqual({ imported: 0, unchanged: 306, rejected: [] });
    expect(await h.kb.stores.manifests.get()).toEqual(manifest);
    expect((await h.kb.caseHistory('120-10028', SUPERVISOR)).map((v) => v.version)).toEqual([1]);
  });

  it('reads a CP949 file (the charset named or not) and reports bad rows by line while good rows import', async () => {
    const csv = ['일련번호,대분류명,질문,답변', '9001,주차,똠방각하 주차장 요금은?,시설관리공단에 문의하세요', '9002,주차,,답변만 있음', '9003,주차,갂 표기 확인,CP949 확장 글자'].join('\r\n');
    const result = await h.kb.importKnowledge(iconv.encode(csv, 'cp949'), 'text/csv', SUPERVISOR);
    expect(result).toEqual({ imported: 2, unchanged: 0, rejected: [{ line: 3, reason: '질문 is empty' }] });
    expect((await h.kb.getCase('120-9001', COUNSELOR)).question).toBe('똠방각하 주차장 요금은?');
    const named = await h.kb.importKnowledge(iconv.encode(csv, 'cp949'), 'text/csv; charset=EUC-KR', SUPERVISOR);
    expect(named).toMatchObject({ imported: 0, unchanged: 2 });
  });

  it('refuses an unknown content type and a counselor, and accepts JSON', async () => {
    await expect(h.kb.importKnowledge('x', 'text/plain', SUPERVISOR)).rejects.toMatchObject({ name: 'UnreadableImportError', status: 415 });
    await expect(h.kb.importKnowledge('x', 'application/x-ndjson', COUNSELOR)).rejects.toBeInstanceOf(ForbiddenActionError);
    const json = JSON.stringify({ records: [{ 일련번호: '9100', 대분류명: '세무', 질문: '등록면허세 납부 장소', 업무개요: '구청 세무과' }] });
    expect(await h.kb.importKnowledge(json, 'application/json', SUPERVISOR)).toEqual({ imported: 1, unchanged: 0, rejected: [] });
    expect(UnreadableImportError).toBeDefined();
  });

  it('keeps every version on edit, with who and when, and refuses an edit of a stale version', async () => {
    await h.kb.importKnowledge(ndjson(ownCase('kb-edit', '따릉이 대여 방법')), 'application/x-ndjson', SUPERVISOR);
    h.clock.set('2026-03-03T00:00:00.000Z');
    const editor = { id: 'sup-2', role: 'supervisor' } as const;
    const body = { expectedVersion: 1, category: '교통', title: '공공자전거 따릉이 빌리는 법', question: '따릉이 어떻게 빌려요?', answer: '앱에서 이용권을 사고 QR을 찍습니다.', keywords: ['따릉이'], fields: {}, translations: {}, note: '제목 정리' };
    const edited = await h.kb.editCase('kb-edit', body, editor);
    expect(edited).toMatchObject({ outcome: 'written', case: { version: 2, title: '공공자전거 따릉이 빌리는 법', recordedBy: editor, recordedAt: '2026-03-03T00:00:00.000Z', note: '제목 정리' } });
    const history = await h.kb.caseHistory('kb-edit', SUPERVISOR);
    expect(history.map((v) => [v.version, v.title, v.recordedBy.id])).toEqual([
      [1, '따릉이 대여 방법', 'sup-1'],
      [2, '공공자전거 따릉이 빌리는 법', 'sup-2'],
    ]);
    await expect(h.kb.editCase('kb-edit', body, editor)).rejects.toBeInstanceOf(StaleCaseVersionError);
    expect(await search('공공자전거 빌리는 법')).toContain('kb-edit');
  });

  it('retires a case out of search without deleting it, and an import of the old file does not bring it back', async () => {
    await h.kb.importKnowledge(ndjson(ownCase('kb-retire', '한강 유람선 야간 운항')), 'application/x-ndjson', SUPERVISOR);
    expect(await search('한강 유람선 야간')).toContain('kb-retire');
    await h.kb.retireCase('kb-retire', { expectedVersion: 1, note: '사업 종료' }, SUPERVISOR);
    expect(await search('한강 유람선 야간')).not.toContain('kb-retire');
    expect(await h.kb.importKnowledge(ndjson(ownCase('kb-retire', '한강 유람선 야간 운항')), 'application/x-ndjson', SUPERVISOR)).toMatchObject({ imported: 0, unchanged: 1 });
    expect((await h.kb.caseHistory('kb-retire', SUPERVISOR)).map((v) => v.status)).toEqual(['published', 'retired']);
    await h.kb.publishCase('kb-retire', { expectedVersion: 2, note: '재개' }, SUPERVISOR);
    expect(await search('한강 유람선 야간')).toContain('kb-retire');
  });

  it('is idempotent by caseId and version: the same version again is unchanged, other content under it is refused', async () => {
    const v1 = ownCase('kb-ver', '지하철 분실물', { version: 1 });
    expect(await h.kb.importKnowledge(ndjson(v1), 'application/x-ndjson', SUPERVISOR)).toMatchObject({ imported: 1 });
    const result = await h.kb.importKnowledge(ndjson(v1, ownCase('kb-ver', '지하철 분실물', { version: 3 })), 'application/x-ndjson', SUPERVISOR);
    expect(result).toEqual({ imported: 0, unchanged: 1, rejected: [{ line: 2, reason: 'version 3 of kb-ver skips versions: the case is at version 1' }] });
    expect(await h.kb.importKnowledge(ndjson({ ...v1, answer: '다른 내용' }), 'application/x-ndjson', SUPERVISOR)).toEqual({
      imported: 0,
      unchanged: 0,
      rejected: [{ line: 1, reason: 'version 1 of kb-ver already exists with other content (the case is at version 1)' }],
    });
    expect(await h.kb.importKnowledge(ndjson(v1, { ...v1, answer: '같은 파일 안의 중복' }), 'application/x-ndjson', SUPERVISOR)).toMatchObject({
      rejected: [{ line: 2, reason: 'kb-ver appears again (first on line 1)' }],
    });
  });

  it('converges after a crash between writing a version and moving the head: nothing lost, nothing twice', async () => {
    await h.kb.importKnowledge(ndjson(ownCase('kb-crash', '수도 계량기 동파')), 'application/x-ndjson', SUPERVISOR);
    const store = createDynamoCaseStore(h.documents, h.table.tableName);
    const crashing = { ...store, advanceHead: async () => Promise.reject(new Error('Lambda timed out')) };
    const manifests = createDynamoIndexManifestStore(h.documents, h.table.tableName);
    const crashingImport = createImportKnowledge({ cases: crashing, manifests, objects: h.objects, engine: hangulBm25Engine, clock: h.clock, log: recordingLog() });
    h.clock.set('2026-03-04T00:00:00.000Z');
    const changed = ndjson(ownCase('kb-crash', '수도 계량기 동파 신고와 교체'));
    await expect(crashingImport(changed, 'application/x-ndjson', SUPERVISOR)).rejects.toThrow('Lambda timed out');
    expect((await h.kb.getCase('kb-crash', COUNSELOR)).version).toBe(1);

    const retried = await h.kb.importKnowledge(changed, 'application/x-ndjson', SUPERVISOR);
    expect(retried).toEqual({ imported: 1, unchanged: 0, rejected: [] });
    expect((await h.kb.caseHistory('kb-crash', SUPERVISOR)).map((v) => [v.version, v.title])).toEqual([
      [1, '수도 계량기 동파'],
      [2, '수도 계량기 동파 신고와 교체'],
    ]);
    expect(await search('계량기 동파 교체')).toContain('kb-crash');
  });

  it('lets a second container see an import through the stored index, and never moves the manifest back', async () => {
    const other = h.anotherSearch();
    await h.kb.importKnowledge(ndjson(ownCase('kb-other', '서울 둘레길 완주 인증서')), 'application/x-ndjson', SUPERVISOR);
    expect((await other.searchKnowledge({ q: '둘레길 완주 인증', limit: 3 }, COUNSELOR)).items[0]?.caseId).toBe('kb-other');
    const current = (await h.kb.stores.manifests.get())!;
    expect(await h.kb.stores.manifests.put({ ...current, ticket: current.ticket - 1, objectKey: 'knowledge-index/stale.json.gz' })).toEqual({ stored: false, replaced: null });
    expect((await h.kb.stores.manifests.get())?.objectKey).toBe(current.objectKey);
  });

  it('marks every index object but the current one superseded, for the bucket to expire', async () => {
    await h.kb.importKnowledge(ndjson(ownCase('kb-expire-1', '한강 자전거 대여')), 'application/x-ndjson', SUPERVISOR);
    await h.kb.importKnowledge(ndjson(ownCase('kb-expire-2', '따릉이 정기권 환불')), 'application/x-ndjson', SUPERVISOR);
    const current = (await h.kb.stores.manifests.get())!;
    expect(h.objects.superseded.has(current.objectKey)).toBe(false);
    expect(h.objects.superseded.has(current.answersObjectKey!)).toBe(false);
    const older = [...h.objects.objects.keys()].filter((key) => key !== current.objectKey && key !== current.answersObjectKey);
    expect(older.length).toBeGreaterThan(1);
    expect(older.filter((key) => !h.objects.superseded.has(key))).toEqual([]);
  });

  it('marks its own object superseded when a newer build won the manifest meanwhile', async () => {
    const current = (await h.kb.stores.manifests.get())!;
    // A slower build that took its ticket before the current one's: its manifest put must lose.
    const slow = { ...h.kb.stores.manifests, takeTicket: async () => current.ticket - 1 };
    const { rebuildSearchIndex } = await import('../../../functions/core/knowledge/rebuild-index.ts');
    const { hangulBm25Engine } = await import('../../../functions/adapters/knowledge/hangul-bm25-engine.ts');
    const result = await rebuildSearchIndex({ cases: h.kb.stores.cases, manifests: slow, objects: h.objects, engine: hangulBm25Engine, clock: h.clock });
    expect(result.objectKey).toBe(current.objectKey);
    const lost = `knowledge-index/${String(current.ticket - 1).padStart(10, '0')}-${hangulBm25Engine.name}.json.gz`;
    expect(h.objects.superseded.has(lost)).toBe(true);
    expect(h.objects.superseded.has(`knowledge-index/${String(current.ticket - 1).padStart(10, '0')}-public-answers.json.gz`)).toBe(true);
    expect(h.objects.superseded.has(current.objectKey)).toBe(false);
  });
});
