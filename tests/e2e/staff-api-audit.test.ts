import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuditAction } from '../../functions/core/audit/model.ts';
import { kstDay } from '../../functions/core/kst.ts';
import { may, roleFor, STAFF_ROLES } from '../../functions/core/staff/roles.ts';
import { recordDeliveryReport } from '../../functions/core/delivery-reports.ts';
import { STAFF_APIS, type StaffRoute } from '../../functions/core/staff/staff-routes.ts';
import { AuditTableReader } from '../support/audit-records.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

/** Who and what a sample call is about: made once in beforeAll, before any record is counted. */
interface Fixtures {
  /** An SMS complaint: every `{id}` of the complaints API. */
  complaintId: string;
  /** A counselor's reply on it that the provider reported undelivered. */
  undeliveredReplyId: string;
  /** An answered complaint (a counselor replied): what a draft case or a suggestion mark needs. */
  answeredId: string;
  caseId: string;
  shortcut: string;
  /** The case's stored version now (edits, retirements and publications are conditional on it). */
  caseVersion(): Promise<number>;
  /** How many times the complaint's deadline was extended so far (each extension names the next number). */
  extensions(): Promise<number>;
}

interface Sample {
  /** Path parameters; `{id}` is the complaint unless given here. */
  path?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON body (computed before the call, outside the counted window), or a raw one with its media type. */
  body?: (n: number) => unknown;
  raw?: { contentType: string; body: string };
  /** The complaint the allowed call's record names, when the body (not the path) names it. */
  names?: string;
}

/**
 * What a call needs to succeed, per route (`METHOD /path`). A route added to STAFF_APIS without an
 * entry here is called with no body and no query; if that does not succeed for a role that may call
 * it, this test fails and asks for one.
 */
function samples(f: Fixtures): Record<string, Sample> {
  const caseChange = async () => ({ expectedVersion: await f.caseVersion(), note: '감사 시험' });
  return {
    'POST /api/complaints/{id}/replies': { body: (n) => ({ text: '확인 후 연락드리겠습니다', replyId: `audit-test-${String(n).padStart(4, '0')}` }) },
    'POST /api/complaints/{id}/replies/{replyId}/delivered-otherwise': { path: { replyId: f.undeliveredReplyId }, body: () => ({ note: '전화로 안내함' }) },
    'POST /api/complaints/{id}/status': { body: () => ({ status: 'in_progress', reason: '담당 부서 확인 중' }) },
    'POST /api/complaints/{id}/unmask': { body: () => ({ reason: '부재중 회신 요청' }) },
    'POST /api/complaints/search': { body: () => ({ phone: CITIZEN_PHONE }) },
    'POST /api/complaints/{id}/assignment': { body: () => ({ agency: '마포구청', reason: '관할 구청으로 이관' }) },
    // The same type each time: a change, then no-ops (a type is locked once the deadline was extended).
    'POST /api/complaints/{id}/petition-type': { body: () => ({ type: 'grievance', reason: '고충민원으로 분류' }) },
    // Each signed-in role extends once more (another actor's extension 1 would be a conflict); the second needs consent.
    'POST /api/complaints/{id}/deadline-extension': { body: async () => ({ reason: '현장 확인 필요', extensionNumber: (await f.extensions()) + 1, citizenConsent: true, amount: 1 }) },
    'GET /api/audit/verify': { query: { day: kstDay(new Date()) } },
    'GET /api/audit/review': { query: { month: kstDay(new Date()).slice(0, 7) } },
    'GET /api/self-service/stats': { query: { from: kstDay(new Date()), to: kstDay(new Date()) } },
    'GET /api/knowledge/search': { query: { q: '가로등 고장' } },
    'GET /api/statistics': { query: { from: kstDay(new Date()), to: kstDay(new Date()) } },
    'GET /api/statistics.csv': { query: { from: kstDay(new Date()), to: kstDay(new Date()) } },
    'GET /api/knowledge/cases/{caseId}': { path: { caseId: f.caseId } },
    'GET /api/knowledge/cases/{caseId}/versions': { path: { caseId: f.caseId } },
    'PUT /api/knowledge/cases/{caseId}': {
      path: { caseId: f.caseId },
      body: async () => ({ expectedVersion: await f.caseVersion(), category: '도로', title: '가로등 고장 신고', question: '가로등이 꺼져 있어요', answer: '120 또는 구청 도로과에 위치를 알려 주세요.' }),
    },
    'POST /api/knowledge/cases/{caseId}/retire': { path: { caseId: f.caseId }, body: caseChange },
    'POST /api/knowledge/cases/{caseId}/publish': { path: { caseId: f.caseId }, body: caseChange },
    'POST /api/knowledge/import': { raw: { contentType: 'application/x-ndjson', body: `${JSON.stringify(IMPORTED_CASE)}\n` } },
    'POST /api/knowledge/feedback': { body: () => ({ complaintId: f.answeredId, caseId: f.caseId, helpful: true }), names: f.answeredId },
    'POST /api/knowledge/drafts': { body: () => ({ complaintId: f.answeredId }), names: f.answeredId },
    'PUT /api/quick-responses/{id}': { path: { id: f.shortcut }, body: () => ({ title: '접수 안내', texts: { ko: '접수번호는 {receiptNo}입니다.' } }) },
    'POST /api/quick-responses/{id}/fill': { path: { id: f.shortcut }, body: () => ({ complaintId: f.complaintId }), names: f.complaintId },
  };
}

const CITIZEN_PHONE = '010-3030-4040';
const IMPORTED_CASE = { caseId: 'audit-1', category: '도로', title: '가로등 고장 신고', question: '가로등이 꺼져 있어요', answer: '120에 위치를 알려 주세요.' };

/** cognito-local signs with a key shipped in its package, so a test can mint a token without a staff group. */
function mintedByLocalIssuer(claims: Record<string, unknown>): string {
  const require = createRequire(import.meta.url);
  const { jwk } = JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { jwk: Record<string, string> };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
}

const ALL_ROUTES: readonly StaffRoute[] = Object.values(STAFF_APIS).flat();
const key = (route: StaffRoute) => `${route.method} ${route.path}`;

describe('every staff route leaves exactly one access record', () => {
  let gateway: TestGateway;
  let audit: AuditTableReader;
  let complaintId: string;
  let SAMPLES: Record<string, Sample> = {};
  let n = 0;

  /**
   * The provider reports the reply's SMS undelivered. The local outbox is no provider (its ids are
   * not Twilio SIDs), so the report goes to the use case the status callback handler calls once
   * the signature checks out, with the gateway's own deps.
   */
  async function reportUndelivered(id: string, replyId: string): Promise<void> {
    const detail = await gateway.api<{ replies: Array<{ replyId: string; providerMessageId?: string }> }>(`/api/complaints/${id}`);
    const providerMessageId = detail.body.replies.find((candidate) => candidate.replyId === replyId)?.providerMessageId ?? '';
    expect(await recordDeliveryReport(gateway.deps.twilioStatus.reports, { complaintId: id, replyId, providerMessageId, status: 'undelivered', errorCode: '30003', provider: 'twilio' })).toBe('recorded');
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    audit = new AuditTableReader(gateway.dynamoEndpoint, gateway.config.AUDIT_TABLE_NAME);
    const complaintOf = async (from: string) => {
      const sent = await gateway.sms({ from, body: '가로등이 꺼져 있어요' });
      await gateway.settle();
      const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
      return (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body.complaintId;
    };
    const reply = async (id: string, replyId: string) => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '내일 점검하겠습니다', replyId }) };
      expect((await gateway.api(`/api/complaints/${id}/replies`, init)).status).toBe(201);
    };
    const asSupervisor = async (path: string, method: string, body: unknown, contentType = 'application/json') => {
      const response = await gateway.api(path, { method, headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }, { as: 'supervisor' });
      expect(response.status, `${method} ${path}`).toBe(200);
    };
    complaintId = await complaintOf(CITIZEN_PHONE);
    await reply(complaintId, 'audit-undelivered-1');
    await reportUndelivered(complaintId, 'audit-undelivered-1');
    const answeredId = await complaintOf('010-3030-5050');
    await reply(answeredId, 'audit-answered-1');
    await asSupervisor('/api/knowledge/import', 'POST', `${JSON.stringify(IMPORTED_CASE)}\n`, 'application/x-ndjson');
    await asSupervisor('/api/quick-responses/접수', 'PUT', { title: '접수 안내', texts: { ko: '접수번호는 {receiptNo}입니다.' } });
    const caseVersion = async () => (await gateway.api<{ version: number }>(`/api/knowledge/cases/${IMPORTED_CASE.caseId}`, {}, { as: 'supervisor' })).body.version;
    const extensions = async () => (await gateway.api<{ deadlineExtension?: { count: number } }>(`/api/complaints/${complaintId}`)).body.deadlineExtension?.count ?? 0;
    SAMPLES = samples({ complaintId, undeliveredReplyId: 'audit-undelivered-1', answeredId, caseId: IMPORTED_CASE.caseId, shortcut: '접수', caseVersion, extensions });
  });
  afterAll(async () => {
    audit?.close();
    await gateway?.stop();
  });

  /** The request a route's sample makes (its body computed now, before any record is counted). */
  const prepare = async (route: StaffRoute): Promise<{ url: string; init: RequestInit }> => {
    const sample = SAMPLES[key(route)] ?? {};
    n += 1;
    const params: Record<string, string> = { id: complaintId, ...sample.path };
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
    const query = sample.query ? `?${new URLSearchParams(sample.query).toString()}` : '';
    const json = sample.body ? JSON.stringify(await sample.body(n)) : undefined;
    const body = sample.raw?.body ?? json;
    const contentType = sample.raw?.contentType ?? (json ? 'application/json' : undefined);
    return { url: `${gateway.url}${path}${query}`, init: { method: route.method, ...(contentType ? { headers: { 'content-type': contentType } } : {}), ...(body ? { body } : {}) } };
  };
  const send = (request: { url: string; init: RequestInit }, authorization: string | null) => {
    const headers = new Headers(request.init.headers);
    if (authorization) headers.set('authorization', authorization);
    return fetch(request.url, { ...request.init, headers });
  };
  const call = async (route: StaffRoute, authorization: string | null) => send(await prepare(route), authorization);

  it('every route of every staff API declares the audit action it is recorded as', () => {
    const undeclared = ALL_ROUTES.filter((route) => !isAuditAction((route as { audit?: string }).audit ?? '')).map(key);
    expect(undeclared, 'routes in STAFF_APIS without an `audit` action (functions/core/staff/staff-routes.ts)').toEqual([]);
  });

  it('a call as each role leaves one record naming the actor, the role, the action, the outcome and the source address', async () => {
    for (const role of STAFF_ROLES) {
      const username = gateway.staff.config.users.find((user) => user.role === role)?.username;
      const authorization = `Bearer ${await gateway.tokenFor(role)}`;
      for (const route of ALL_ROUTES) {
        let status = 0;
        const request = await prepare(route);
        const added = await audit.added(async () => {
          status = (await send(request, authorization)).status;
        });
        const what = `${role} ${key(route)} (HTTP ${status})`;
        const allowed = may({ roles: [role] }, route.permission);
        if (allowed) expect(status, `${what}: add a sample request for it to SAMPLES in this test`).toBeLessThan(400);
        else expect(status, what).toBe(403);
        expect(added, `${what} left ${added.length} records`).toHaveLength(1);
        expect(added[0], what).toMatchObject({
          actorUsername: username,
          role: allowed ? roleFor({ roles: [role] }, route.permission) : role,
          action: route.audit,
          outcome: allowed ? 'allowed' : 'refused',
          ...(allowed ? {} : { refusal: 'forbidden' }),
          sourceIp: '127.0.0.1',
          route: key(route),
        });
        expect(added[0]?.refusal === undefined, what).toBe(allowed);
        const sample = SAMPLES[key(route)] ?? {};
        // The complaint the path names is on every record of the route; one the body names, once the call was allowed.
        if (route.path.includes('{id}') && !sample.path?.id) expect(added[0]?.complaintId, what).toBe(complaintId);
        if (sample.names && allowed) expect(added[0]?.complaintId, what).toBe(sample.names);
      }
    }
  });

  it('a complaint read, a search by number and a change name the citizen by the keyed hash of their number; a list, how many complaints it returned', async () => {
    const [read] = await audit.added(() => gateway.api(`/api/complaints/${complaintId}`));
    expect(read?.citizenKeyHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [list] = await audit.added(() => gateway.api('/api/complaints?limit=5'));
    // The store holds two complaints (beforeAll): the list returned both.
    expect(list).toMatchObject({ action: 'complaints.list', resultCount: 2 });
    const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const [search] = await audit.added(() => gateway.api('/api/complaints/search', post({ phone: CITIZEN_PHONE.replace(/-/g, '') })));
    expect(search).toMatchObject({ action: 'complaints.search', citizenKeyHash: read?.citizenKeyHash, resultCount: 1 });
    expect(search?.complaintId).toBeUndefined();
    const { receiptNo } = (await gateway.api<{ receiptNo: string }>(`/api/complaints/${complaintId}`)).body;
    const [byReceipt] = await audit.added(() => gateway.api('/api/complaints/search', post({ receiptNo })));
    expect(byReceipt).toMatchObject({ action: 'complaints.search', complaintId, citizenKeyHash: read?.citizenKeyHash, resultCount: 1 });
    const [overdue] = await audit.added(() => gateway.api('/api/complaints/overdue', {}, { as: 'supervisor' }));
    // Both complaints were received moments ago: none is overdue yet.
    expect(overdue).toMatchObject({ action: 'complaints.overdue', outcome: 'allowed', resultCount: 0 });
    const [assignment] = await audit.added(() => gateway.api(`/api/complaints/${complaintId}/assignment`, post({ agency: '서대문구청', reason: '관할 재확인' })));
    expect(assignment).toMatchObject({ action: 'assignment.change', complaintId, citizenKeyHash: read?.citizenKeyHash });
  });

  it('the authorizer records the tokens it refuses; a request without any token never reaches it (API Gateway answers 401 itself)', async () => {
    const route = STAFF_APIS.complaints.find((candidate) => candidate.path === '/api/complaints/{id}');
    if (!route) throw new Error('the complaint detail route');
    const invalid = await audit.added(async () => expect((await call(route, 'Bearer not-a-token')).status).toBe(401));
    expect(invalid).toEqual([
      expect.objectContaining({ actorUsername: 'anonymous', role: 'none', action: 'complaint.read', outcome: 'refused', refusal: 'unauthenticated', sourceIp: '127.0.0.1', complaintId }),
    ]);

    const claims = JSON.parse(Buffer.from((await gateway.tokenFor('counselor')).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const noStaffGroup = mintedByLocalIssuer({ ...claims, 'cognito:groups': ['citizens'], iat: now, exp: now + 600 });
    const denied = await audit.added(async () => expect((await call(route, `Bearer ${noStaffGroup}`)).status).toBe(403));
    expect(denied).toEqual([expect.objectContaining({ actorUsername: 'counselor1@example.org', role: 'none', action: 'complaint.read', outcome: 'refused', refusal: 'forbidden' })]);

    const expired = mintedByLocalIssuer({ ...claims, iat: now - 7200, exp: now - 3600 });
    expect(await audit.added(async () => expect((await call(route, `Bearer ${expired}`)).status).toBe(401))).toHaveLength(1);

    expect(await audit.added(async () => expect((await call(route, null)).status).toBe(401))).toEqual([]);
  });
});
