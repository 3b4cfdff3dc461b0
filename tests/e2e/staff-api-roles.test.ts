import { createRequire } from 'node:module';
import { createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { may, STAFF_ROLES, type StaffPermission, type StaffRole } from '../../functions/core/staff/roles.ts';
import { STAFF_APIS } from '../../functions/core/staff/staff-routes.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

/**
 * cognito-local signs with a key shipped in its package, so a test can mint the tokens a real
 * client could hold but must be refused: expired, or for another app client.
 */
function mintedByLocalIssuer(claims: Record<string, unknown>): string {
  const require = createRequire(import.meta.url);
  const { jwk } = JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { jwk: Record<string, string> };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

function decode(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

interface Call {
  method: string;
  resource: string;
  permission: StaffPermission;
}

describe('every /api route of the local gateway is behind staff sign-in and its role', () => {
  let gateway: TestGateway;
  let calls: Call[];
  let complaintId: string;
  let counselorClaims: Record<string, unknown>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const sent = await gateway.sms({ from: '010-7070-8080', body: '역 앞 보도블록이 깨졌어요' });
    await gateway.settle();
    const receiptNo = /(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '';
    complaintId = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receiptNo}`)).body.complaintId;
    counselorClaims = decode(await gateway.tokenFor('counselor'));
    const lambdaPermissions = new Map(Object.values(STAFF_APIS).flat().map((route) => [`${route.method} ${route.path}`, route.permission]));
    calls = gateway
      .routes()
      .filter((route) => route.resource.startsWith('/api/'))
      .map((route) => {
        const permission = route.target.staff?.permission ?? lambdaPermissions.get(`${route.method} ${route.resource}`);
        if (!route.target.staff || !permission) throw new Error(`${route.method} ${route.resource} is not behind the staff authorizer with a permission`);
        return { method: route.method, resource: route.resource, permission };
      });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const request = (call: Call, authorization: string | null, n: number) => {
    const path = call.resource.replace('{id}', complaintId).replace(/\{[^}]+\}/g, () => randomUUID());
    const body = call.resource.endsWith('/replies')
      ? { text: '확인 후 연락드리겠습니다', replyId: `roles-test-${n.toString().padStart(4, '0')}` }
      : call.resource.endsWith('/status')
        ? { status: 'in_progress', reason: '담당 부서 확인 중' }
        : undefined;
    return fetch(`${gateway.url}${path}`, {
      method: call.method,
      headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  };

  it('covers the complaints API and the routes the local gateway serves itself', () => {
    const resources = calls.map((call) => `${call.method} ${call.resource}`);
    for (const route of [...STAFF_APIS.complaints, ...STAFF_APIS.knowledge]) expect(resources).toContain(`${route.method} ${route.path}`);
    expect(resources).toEqual(expect.arrayContaining(['GET /api/outbox', 'GET /api/dead-letters', 'GET /api/happy-calls/due']));
  });

  it('answers 401 without a token, with garbage, with an expired token and with another app client\'s token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      null,
      'Bearer not-a-token',
      `Bearer ${mintedByLocalIssuer({ ...counselorClaims, iat: now - 7200, exp: now - 3600 })}`,
      `Bearer ${mintedByLocalIssuer({ ...counselorClaims, aud: 'another-app-client' })}`,
      `Basic ${Buffer.from('counselor1@example.org:x').toString('base64')}`,
    ];
    let n = 0;
    for (const call of calls) {
      for (const authorization of refused) {
        const response = await request(call, authorization, (n += 1));
        expect(response.status, `${call.method} ${call.resource} with ${authorization?.slice(0, 12) ?? 'no token'}`).toBe(401);
      }
    }
  });

  it('answers 403 to a signed-in user without a staff group', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = mintedByLocalIssuer({ ...counselorClaims, 'cognito:groups': ['citizens'], iat: now, exp: now + 600 });
    for (const call of calls) expect((await request(call, `Bearer ${token}`, 0)).status, `${call.method} ${call.resource}`).toBe(403);
  });

  it('lets each role through exactly the routes its permissions name, 403 otherwise', async () => {
    let n = 100;
    const seen: Array<[StaffPermission, StaffRole, number]> = [];
    for (const role of STAFF_ROLES) {
      const authorization = `Bearer ${await gateway.tokenFor(role)}`;
      for (const call of calls) {
        const response = await request(call, authorization, (n += 1));
        seen.push([call.permission, role, response.status]);
        if (may({ roles: [role] }, call.permission)) expect([401, 403], `${role} ${call.method} ${call.resource}`).not.toContain(response.status);
        else expect(response.status, `${role} ${call.method} ${call.resource}`).toBe(403);
      }
    }
    // The auditor is read-only: refused on every route that needs more than a read permission
    // (a POST that only reads, such as filling a quick response, is a read).
    const auditorBeyondReading = seen.filter(([permission, role]) => role === 'auditor' && !permission.endsWith(':read'));
    expect(auditorBeyondReading.length).toBeGreaterThan(0);
    expect(auditorBeyondReading.every(([, , status]) => status === 403)).toBe(true);
  });

  it('names the signed-in counselor, not a body field, on the reply and the status history', async () => {
    const authorization = `Bearer ${await gateway.tokenFor('counselor')}`;
    const response = await fetch(`${gateway.url}/api/complaints/${complaintId}/status`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'answered', reason: '안내 완료', counselor: 'someone-else' }),
    });
    expect(response.status).toBe(200);
    const detail = await gateway.api<{ statusHistory: Array<{ actor: string; to: string }> }>(`/api/complaints/${complaintId}`);
    expect(detail.body.statusHistory.find((event) => event.to === 'answered')?.actor).toBe('counselor:counselor1@example.org');
  });
});
