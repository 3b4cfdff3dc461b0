import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ComplaintNotFoundError } from '../../../functions/core/errors.ts';
import { CaseNotFoundError, StaleCaseVersionError, UnreadableImportError } from '../../../functions/core/knowledge/errors.ts';
import { ComplaintNotResolvedError } from '../../../functions/core/knowledge/feedback.ts';
import type { Actor, KnowledgeCase } from '../../../functions/core/knowledge/model.ts';
import { MissingPlaceholderValueError, type QuickResponse } from '../../../functions/core/knowledge/quick-responses.ts';
import type { StaffRole } from '../../../functions/core/staff/roles.ts';
import { createKnowledgeApiHandler } from '../../../functions/handlers/knowledge-api.ts';
import type { KnowledgeApiUseCases } from '../../../functions/wiring/deps/knowledge-api.ts';
import { createKnowledgeSearchHandler } from '../../../functions/handlers/knowledge-search.ts';
import { recordingAccess } from '../../support/recording-access.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function event(method: string, resource: string, options: { path?: Record<string, string>; query?: Record<string, string>; body?: string; base64?: boolean; contentType?: string; roles?: StaffRole[] | null } = {}): APIGatewayProxyEvent {
  const roles = options.roles === undefined ? ['supervisor'] : options.roles;
  return {
    httpMethod: method,
    resource,
    path: resource,
    headers: options.contentType ? { 'Content-Type': options.contentType } : {},
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.path ?? null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: options.base64 ?? false,
    requestContext: {
      authorizer: roles ? { staffSubject: 'sub-1', staffUsername: 'supervisor1@example.org', staffRoles: roles.join(',') } : null,
      identity: { userArn: null },
    },
  } as unknown as APIGatewayProxyEvent;
}

const CASE: KnowledgeCase = {
  caseId: '120-10001',
  category: '교통',
  title: '지하철 분실물',
  question: '가방을 두고 내렸어요',
  answer: '역 고객안전실에 문의하세요.',
  keywords: [],
  fields: { applicationMethod: '방문' },
  translations: { en: { title: 'Lost and found on the subway' } },
  version: 2,
  status: 'published',
  updatedAt: '2026-03-01T00:00:00.000Z',
  contentHash: 'h',
  recordedAt: '2026-03-01T00:00:00.000Z',
  recordedBy: { id: 'starter-set', role: 'system' },
};

const RESPONSE: QuickResponse = { shortcut: '접수', title: '접수 안내', texts: { ko: '접수번호 {receiptNo}', en: 'Receipt {receiptNo}' }, version: 3, updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: { id: 'starter-set', role: 'system' } };

/** The keyed hash of the complaint's citizen, as the draft and fill use cases give it. */
const CITIZEN_KEY_HASH = 'q8Zx3rT0bN5mW2kL7vY1cH4jP9sD6fG0aE3uI8oR2tK';

/** Every use case records its arguments; `fail` makes the named one throw. */
function fakeKnowledge(fail: Partial<Record<keyof KnowledgeApiUseCases, Error>> = {}) {
  const calls: Array<{ name: string; args: unknown[] }> = [];
  const answer = (name: keyof KnowledgeApiUseCases, value: unknown) =>
    async (...args: unknown[]) => {
      calls.push({ name, args });
      const error = fail[name];
      if (error) throw error;
      return value;
    };
  const knowledge = {
    getCase: answer('getCase', CASE),
    caseHistory: answer('caseHistory', [CASE]),
    editCase: answer('editCase', { outcome: 'written', case: CASE }),
    retireCase: answer('retireCase', { outcome: 'written', case: { ...CASE, status: 'retired' } }),
    publishCase: answer('publishCase', { outcome: 'unchanged', case: CASE }),
    importKnowledge: answer('importKnowledge', { imported: 1, unchanged: 0, rejected: [{ line: 3, reason: '질문 is empty' }] }),
    listGaps: answer('listGaps', { items: [] }),
    recordSuggestionFeedback: answer('recordSuggestionFeedback', { caseId: CASE.caseId }),
    draftCaseFromComplaint: answer('draftCaseFromComplaint', { draft: { ...CASE, caseId: 'from-c1', status: 'draft' }, citizenKeyHash: CITIZEN_KEY_HASH }),
    searchQuickResponses: answer('searchQuickResponses', { items: [RESPONSE] }),
    saveQuickResponse: answer('saveQuickResponse', RESPONSE),
    fillQuickResponseForComplaint: answer('fillQuickResponseForComplaint', { filled: { shortcut: '접수', language: 'ko', text: '접수번호 20260302-AAAAA-BBBBB' }, citizenKeyHash: CITIZEN_KEY_HASH }),
  } as unknown as KnowledgeApiUseCases;
  return { knowledge, calls };
}

async function call(handler: ReturnType<typeof createKnowledgeApiHandler>, e: APIGatewayProxyEvent) {
  const result = (await handler(e, {} as Context)) as APIGatewayProxyResult;
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
}

describe('knowledge API handler', () => {
  it('edits a case as the signed-in supervisor, whoever the body names', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const body = { expectedVersion: 2, category: '교통', title: '새 제목', question: '질문', answer: '답변', recordedBy: { id: 'someone-else', role: 'supervisor' } };
    const response = await call(handler, event('PUT', '/api/knowledge/cases/{caseId}', { path: { caseId: '120-10001' }, body: JSON.stringify(body), contentType: 'application/json' }));
    expect(response.status).toBe(200);
    const [caseId, input, actor] = fake.calls[0]!.args as [string, Record<string, unknown>, Actor];
    expect(caseId).toBe('120-10001');
    expect(input).not.toHaveProperty('recordedBy');
    expect(actor).toEqual({ id: 'supervisor1@example.org', role: 'supervisor' });
  });

  it('refuses an auditor on every route that changes knowledge, before any use case runs', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const auditor = { roles: ['auditor'] as StaffRole[], path: { caseId: '120-10001', id: '접수' }, body: '{}', contentType: 'application/json' };
    for (const [method, resource] of [
      ['PUT', '/api/knowledge/cases/{caseId}'],
      ['POST', '/api/knowledge/cases/{caseId}/retire'],
      ['POST', '/api/knowledge/import'],
      ['POST', '/api/knowledge/feedback'],
      ['POST', '/api/knowledge/drafts'],
      ['PUT', '/api/quick-responses/{id}'],
      ['GET', '/api/knowledge/gaps'],
    ] as const) {
      expect((await call(handler, event(method, resource, auditor))).status, `${method} ${resource}`).toBe(403);
    }
    expect(fake.calls).toEqual([]);
    expect((await call(handler, event('GET', '/api/knowledge/cases/{caseId}', { ...auditor, body: '' }))).status).toBe(200);
    expect((await call(handler, event('GET', '/api/knowledge/cases/{caseId}', { roles: null, path: { caseId: 'x' } }))).status).toBe(401);
  });

  it('records every call under its route\'s action: import, edit, retire and publish as the supervisor who made them; a refused edit as refused', async () => {
    const access = recordingAccess();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access, knowledge: fakeKnowledge().knowledge }));
    const json = { path: { caseId: '120-10001' }, contentType: 'application/json' };
    const change = JSON.stringify({ expectedVersion: 2, note: '정리' });
    const edit = JSON.stringify({ expectedVersion: 2, category: '교통', title: 't', question: 'q', answer: 'a' });
    expect((await call(handler, event('POST', '/api/knowledge/import', { body: '{}', contentType: 'application/x-ndjson' }))).status).toBe(200);
    expect((await call(handler, event('PUT', '/api/knowledge/cases/{caseId}', { ...json, body: edit }))).status).toBe(200);
    expect((await call(handler, event('POST', '/api/knowledge/cases/{caseId}/retire', { ...json, body: change }))).status).toBe(200);
    expect((await call(handler, event('POST', '/api/knowledge/cases/{caseId}/publish', { ...json, body: change }))).status).toBe(200);
    expect((await call(handler, event('PUT', '/api/knowledge/cases/{caseId}', { ...json, body: edit, roles: ['auditor'] }))).status).toBe(403);
    expect(access.recorded.map((entry) => [entry.kind, entry.kind === 'record' ? entry.event.action : entry.attempt.action, entry.actor?.role])).toEqual([
      ['record', 'knowledge.import', 'supervisor'],
      ['record', 'knowledge.edit', 'supervisor'],
      ['record', 'knowledge.retire', 'supervisor'],
      ['record', 'knowledge.publish', 'supervisor'],
      ['refuse', 'knowledge.edit', 'auditor'],
    ]);
    expect(access.recorded[0]?.actor?.username).toBe('supervisor1@example.org');
  });

  it('a draft or a filled quick response names the complaint it read and its citizen (keyed hash, not in the answer); a failed call is not recorded', async () => {
    const access = recordingAccess();
    const complaintId = 'cmp_0123456789abcdefghjkmnpq';
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access, knowledge: fakeKnowledge().knowledge }));
    const draft = await call(handler, event('POST', '/api/knowledge/drafts', { body: JSON.stringify({ complaintId }), contentType: 'application/json' }));
    expect(draft).toMatchObject({ status: 200, body: { caseId: 'from-c1', status: 'draft' } });
    const fill = await call(handler, event('POST', '/api/quick-responses/{id}/fill', { path: { id: '접수' }, body: JSON.stringify({ complaintId }), contentType: 'application/json', roles: ['counselor'] }));
    expect(fill).toEqual({ status: 200, body: { shortcut: '접수', language: 'ko', text: '접수번호 20260302-AAAAA-BBBBB' } });
    expect(JSON.stringify([draft, fill])).not.toContain(CITIZEN_KEY_HASH);
    const failing = createKnowledgeApiHandler(async () => ({ log: silent, access, knowledge: fakeKnowledge({ draftCaseFromComplaint: new ComplaintNotFoundError(complaintId) }).knowledge }));
    expect((await call(failing, event('POST', '/api/knowledge/drafts', { body: JSON.stringify({ complaintId }), contentType: 'application/json' }))).status).toBe(404);
    expect(access.recorded).toEqual([
      expect.objectContaining({ kind: 'record', event: { action: 'knowledge.draft', complaintId, citizenKeyHash: CITIZEN_KEY_HASH } }),
      expect.objectContaining({ kind: 'record', event: { action: 'quick-response.fill', complaintId, citizenKeyHash: CITIZEN_KEY_HASH } }),
    ]);
  });

  it('hands the import its bytes and content type: a base64 CP949 body arrives intact', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const bytes = Buffer.from([0xb0, 0xa1, 0x2c, 0x81, 0x41]);
    const response = await call(handler, event('POST', '/api/knowledge/import', { body: bytes.toString('base64'), base64: true, contentType: 'text/csv; charset=euc-kr' }));
    expect(response).toEqual({ status: 200, body: { imported: 1, unchanged: 0, rejected: [{ line: 3, reason: '질문 is empty' }] } });
    const [body, contentType] = fake.calls[0]!.args as [Uint8Array, string];
    expect([...body]).toEqual([...bytes]);
    expect(contentType).toBe('text/csv; charset=euc-kr');
  });

  it('refuses an import whose bytes were already lost as text, instead of importing it garbled', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const response = await call(handler, event('POST', '/api/knowledge/import', { body: '일련번호,\uFFFD\uFFFD', contentType: 'text/csv' }));
    expect(response.status).toBe(415);
    expect(fake.calls).toEqual([]);
  });

  it('maps the use cases\' errors to 400, 404, 409 and the import\'s own status', async () => {
    const cases: Array<[keyof KnowledgeApiUseCases, Error, string, string, number]> = [
      ['getCase', new CaseNotFoundError('nope'), 'GET', '/api/knowledge/cases/{caseId}', 404],
      ['editCase', new StaleCaseVersionError('120-10001', 1, 2), 'PUT', '/api/knowledge/cases/{caseId}', 409],
      ['importKnowledge', new UnreadableImportError('too big', 413), 'POST', '/api/knowledge/import', 413],
      ['draftCaseFromComplaint', new ComplaintNotResolvedError('complaint c1 is received'), 'POST', '/api/knowledge/drafts', 409],
      ['draftCaseFromComplaint', new ComplaintNotFoundError('c1'), 'POST', '/api/knowledge/drafts', 404],
      ['fillQuickResponseForComplaint', new MissingPlaceholderValueError(['agency']), 'POST', '/api/quick-responses/{id}/fill', 400],
    ];
    const bodies: Record<string, unknown> = {
      'PUT /api/knowledge/cases/{caseId}': { expectedVersion: 1, category: '교통', title: 't', question: 'q', answer: 'a' },
      'POST /api/knowledge/drafts': { complaintId: 'c1' },
      'POST /api/quick-responses/{id}/fill': { complaintId: 'c1' },
    };
    for (const [name, error, method, resource, status] of cases) {
      const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fakeKnowledge({ [name]: error }).knowledge }));
      const body = bodies[`${method} ${resource}`];
      const response = await call(
        handler,
        event(method, resource, { path: { caseId: '120-10001', id: '접수' }, contentType: 'application/json', ...(body ? { body: JSON.stringify(body) } : resource.endsWith('import') ? { body: 'x' } : {}) }),
      );
      expect(response.status, `${name}: ${error.name}`).toBe(status);
      expect(response.body.error).toBe(error.message);
    }
    const stale = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fakeKnowledge({ editCase: new StaleCaseVersionError('120-10001', 1, 2) }).knowledge }));
    const response = await call(stale, event('PUT', '/api/knowledge/cases/{caseId}', { path: { caseId: '120-10001' }, body: JSON.stringify(bodies['PUT /api/knowledge/cases/{caseId}']) }));
    expect(response.body.details).toEqual({ currentVersion: 2 });
  });

  it('refuses a malformed case id and body with 400 before any use case', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    expect((await call(handler, event('GET', '/api/knowledge/cases/{caseId}', { path: { caseId: '../etc' } }))).status).toBe(400);
    expect((await call(handler, event('POST', '/api/knowledge/feedback', { body: JSON.stringify({ complaintId: 'c1', caseId: '120-1' }) }))).status).toBe(400);
    expect(fake.calls).toEqual([]);
  });

  it('lists quick responses as {id, shortcut, language, title, text} in the language asked for, Korean when it has none', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const english = await call(handler, event('GET', '/api/quick-responses', { query: { q: '접', language: 'en' }, roles: ['counselor'] }));
    expect(english.body.items).toEqual([expect.objectContaining({ id: '접수', shortcut: '접수', language: 'en', title: '접수 안내', text: 'Receipt {receiptNo}' })]);
    const mongolian = await call(handler, event('GET', '/api/quick-responses', { query: { language: 'mn' }, roles: ['counselor'] }));
    expect(mongolian.body.items).toEqual([expect.objectContaining({ language: 'ko', text: '접수번호 {receiptNo}' })]);
    expect(fake.calls[0]!.args[0]).toEqual({ q: '접', language: 'en' });
  });

  it('fills a quick response for a complaint as the signed-in counselor', async () => {
    const fake = fakeKnowledge();
    const handler = createKnowledgeApiHandler(async () => ({ log: silent, access: recordingAccess(), knowledge: fake.knowledge }));
    const response = await call(handler, event('POST', '/api/quick-responses/{id}/fill', { path: { id: '접수' }, body: JSON.stringify({ complaintId: 'c1', language: 'en', values: { counselorName: '김상담' } }), roles: ['counselor'] }));
    expect(response).toEqual({ status: 200, body: { shortcut: '접수', language: 'ko', text: '접수번호 20260302-AAAAA-BBBBB' } });
    expect(fake.calls[0]!.args).toEqual([{ shortcut: '접수', complaintId: 'c1', language: 'en', values: { counselorName: '김상담' } }, { id: 'supervisor1@example.org', role: 'counselor' }]);
  });
});

describe('knowledge search handler', () => {
  it('searches with the parsed query as the signed-in counselor; 400 without q', async () => {
    const calls: unknown[][] = [];
    const access = recordingAccess();
    const handler = createKnowledgeSearchHandler(async () => ({
      log: silent,
      access,
      knowledge: {
        searchKnowledge: async (...args: unknown[]) => {
          calls.push(args);
          return { items: [{ caseId: '120-10001', title: 't', category: '교통', score: 1, snippet: 's' }] };
        },
      },
    }));
    const ok = (await handler(event('GET', '/api/knowledge/search', { query: { q: '불법 주차', limit: '3', category: '주차' }, roles: ['counselor'] }), {} as Context)) as APIGatewayProxyResult;
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ items: [{ caseId: '120-10001', title: 't', category: '교통', score: 1, snippet: 's' }] });
    expect(calls[0]).toEqual([{ q: '불법 주차', limit: 3, category: '주차' }, { id: 'supervisor1@example.org', role: 'counselor' }]);
    expect(access.recorded).toEqual([expect.objectContaining({ kind: 'record', actor: expect.objectContaining({ role: 'counselor' }), event: { action: 'knowledge.search', resultCount: 1 } })]);
    const missing = (await handler(event('GET', '/api/knowledge/search', { query: { limit: '3' }, roles: ['auditor'] }), {} as Context)) as APIGatewayProxyResult;
    expect(missing.statusCode).toBe(400);
    const nobody = (await handler(event('GET', '/api/knowledge/search', { query: { q: 'x' }, roles: null }), {} as Context)) as APIGatewayProxyResult;
    expect(nobody.statusCode).toBe(401);
    expect(access.recorded.map((entry) => entry.kind)).toEqual(['record', 'refuse']);
  });
});

describe('knowledge handlers and the workspace app\'s origin (CORS)', () => {
  const APP = 'https://d111111abcdef8.cloudfront.net';
  const fromApp = (e: APIGatewayProxyEvent): APIGatewayProxyEvent => ({ ...e, headers: { ...e.headers, Origin: APP } });

  it('name the app\'s origin on answers and refusals of both functions, and no other origin, each call still recorded once', async () => {
    const access = recordingAccess();
    const api = createKnowledgeApiHandler(async () => ({ log: silent, access, knowledge: fakeKnowledge().knowledge, corsOrigins: [APP] }));
    const search = createKnowledgeSearchHandler(async () => ({ log: silent, access, knowledge: { searchKnowledge: async () => ({ items: [] }) }, corsOrigins: [APP] }));
    const read = (await api(fromApp(event('GET', '/api/knowledge/cases/{caseId}', { path: { caseId: '120-10001' }, roles: ['counselor'] })), {} as Context)) as APIGatewayProxyResult;
    expect(read.statusCode).toBe(200);
    expect(read.headers).toMatchObject({ 'access-control-allow-origin': APP, vary: 'Origin' });
    const refused = (await api(fromApp(event('POST', '/api/knowledge/import', { body: '{}', contentType: 'application/json', roles: ['counselor'] })), {} as Context)) as APIGatewayProxyResult;
    expect(refused.statusCode).toBe(403);
    expect(refused.headers).toMatchObject({ 'access-control-allow-origin': APP });
    const found = (await search(fromApp(event('GET', '/api/knowledge/search', { query: { q: '가로등' }, roles: ['counselor'] })), {} as Context)) as APIGatewayProxyResult;
    expect(found.statusCode).toBe(200);
    expect(found.headers).toMatchObject({ 'access-control-allow-origin': APP });
    const other = (await search({ ...event('GET', '/api/knowledge/search', { query: { q: '가로등' }, roles: ['counselor'] }), headers: { Origin: 'https://evil.example' } }, {} as Context)) as APIGatewayProxyResult;
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
    const nobody = (await search(fromApp(event('GET', '/api/knowledge/search', { query: { q: '가로등' }, roles: null })), {} as Context)) as APIGatewayProxyResult;
    expect(nobody.statusCode).toBe(401);
    expect(nobody.headers).toMatchObject({ 'access-control-allow-origin': APP });
    expect(access.recorded.map((entry) => `${entry.kind} ${entry.kind === 'record' ? entry.event.action : entry.attempt.action}`)).toEqual([
      'record knowledge.read',
      'refuse knowledge.import',
      'record knowledge.search',
      'record knowledge.search',
      'refuse knowledge.search',
    ]);
  });
});
