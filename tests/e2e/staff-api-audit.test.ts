import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuditAction } from '../../functions/core/audit/model.ts';
import { kstDay } from '../../functions/core/kst.ts';
import { may, roleFor, STAFF_ROLES } from '../../functions/core/staff/roles.ts';
import { STAFF_APIS, type StaffRoute } from '../../functions/core/staff/staff-routes.ts';
import { AuditTableReader } from '../support/audit-records.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

/**
 * What a call needs to succeed, per route (`METHOD /path`). A route added to STAFF_APIS without an
 * entry here is called with no body and no query; if that does not succeed for a role that may call
 * it, this test fails and asks for one.
 */
const SAMPLES: Record<string, { body?: (n: number) => unknown; query?: () => Record<string, string> }> = {
  'POST /api/complaints/{id}/replies': { body: (n) => ({ text: '확인 후 연락드리겠습니다', replyId: `audit-test-${String(n).padStart(4, '0')}` }) },
  'POST /api/complaints/{id}/status': { body: () => ({ status: 'in_progress', reason: '담당 부서 확인 중' }) },
  'POST /api/complaints/{id}/unmask': { body: () => ({ reason: '부재중 회신 요청' }) },
  'GET /api/audit/verify': { query: () => ({ day: kstDay(new Date()) }) },
  'GET /api/audit/review': { query: () => ({ month: kstDay(new Date()).slice(0, 7) }) },
};

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
  let n = 0;

  beforeAll(async () => {
    gateway = await startTestGateway();
    audit = new AuditTableReader(gateway.dynamoEndpoint, gateway.config.AUDIT_TABLE_NAME);
    const sent = await gateway.sms({ from: '010-3030-4040', body: '가로등이 꺼져 있어요' });
    await gateway.settle();
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    complaintId = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body.complaintId;
  });
  afterAll(async () => {
    audit?.close();
    await gateway?.stop();
  });

  const call = (route: StaffRoute, authorization: string | null) => {
    const sample = SAMPLES[key(route)] ?? {};
    n += 1;
    const query = sample.query ? `?${new URLSearchParams(sample.query()).toString()}` : '';
    const body = sample.body?.(n);
    return fetch(`${gateway.url}${route.path.replace('{id}', complaintId)}${query}`, {
      method: route.method,
      headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  };

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
        const added = await audit.added(async () => {
          status = (await call(route, authorization)).status;
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
        if (route.path.includes('{id}')) expect(added[0]?.complaintId, what).toBe(complaintId);
      }
    }
  });

  it('a complaint read names the citizen by the keyed hash of their number; a list, how many complaints it returned', async () => {
    const [read] = await audit.added(() => gateway.api(`/api/complaints/${complaintId}`));
    expect(read?.citizenKeyHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [list] = await audit.added(() => gateway.api('/api/complaints?limit=5'));
    expect(list).toMatchObject({ action: 'complaints.list', resultCount: 1 });
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
