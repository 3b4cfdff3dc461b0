import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessRecorder } from '../../../functions/core/audit/deps.ts';
import type { AccessRecord, AccessRequest, RefusedActor } from '../../../functions/core/audit/model.ts';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { jwtStaffTokenVerifier, plainFetchJwks } from '../../../functions/adapters/auth/jwt-staff-token-verifier.ts';
import { createStaffAuthorizerHandler } from '../../../functions/handlers/staff-authorizer.ts';
import { requireStaff, staffPrincipalOf } from '../../../functions/handlers/shared/staff-context.ts';
import { HttpError } from '../../../functions/handlers/shared/http.ts';
import { isStaffRole, may, roleFor, ROLE_PERMISSIONS, rolesFromGroups, STAFF_PERMISSIONS, STAFF_ROLES } from '../../../functions/core/staff/roles.ts';
import { authorizeStaff, bearerToken } from '../../../functions/core/staff/authorize.ts';
import { InvalidStaffTokenError, type StaffTokenVerifier } from '../../../functions/core/ports/staff-tokens.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';
import { startTestIssuer, type TestIssuer } from '../../support/staff-token-issuer.ts';

const METHOD_ARN = 'arn:aws:execute-api:ap-northeast-2:123456789012:abc123/dev/GET/api/complaints';
const context = {} as Context;
const COMPLAINT = 'cmp_0123456789abcdefghjkmnpq';
let issuer: TestIssuer;
let handler: ReturnType<typeof createStaffAuthorizerHandler>;
let refusals: Array<{ actor: RefusedActor | null; request: AccessRequest; attempt: Record<string, unknown> }>;
let recordingFails = false;

/** A REQUEST authorizer event as API Gateway sends it (the request context is the route's own). */
function authorizerEvent(headers: Record<string, string>, route: { method: string; resource: string; id?: string } = { method: 'GET', resource: '/api/complaints' }): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers,
    httpMethod: route.method,
    resource: route.resource,
    path: route.resource.replace('{id}', route.id ?? COMPLAINT),
    pathParameters: route.resource.includes('{id}') ? { id: route.id ?? COMPLAINT } : null,
    requestContext: { requestId: 'authz-req-1', requestTimeEpoch: Date.now(), identity: { sourceIp: '203.0.113.9' }, resourcePath: route.resource, httpMethod: route.method },
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  const verifier = jwtStaffTokenVerifier({ issuer: issuer.issuer, clientIds: [issuer.clientId], jwksFetcher: plainFetchJwks });
  const access: AccessRecorder = {
    record: async () => {
      throw new Error('the authorizer records refusals only');
    },
    refuse: async (actor, request, attempt) => {
      if (recordingFails) throw new Error('audit table unavailable');
      refusals.push({ actor, request, attempt });
      return {} as AccessRecord;
    },
  };
  handler = createStaffAuthorizerHandler(async () => ({ verifier, log: new CapturingLog(), access }));
});
afterAll(() => issuer.close());
beforeEach(() => {
  refusals = [];
  recordingFails = false;
});

describe('staff REQUEST authorizer', () => {
  it('allows a staff token on every route of the stage, with the user and roles in the context', async () => {
    const policy = await handler(authorizerEvent({ Authorization: `Bearer ${issuer.token({ 'cognito:groups': ['supervisor', 'other-app-admins'] })}` }), context);
    expect(policy).toEqual({
      principalId: '6f1d2c3b-0000-4000-8000-000000000001',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:ap-northeast-2:123456789012:abc123/dev/*' }] },
      context: { staffSubject: '6f1d2c3b-0000-4000-8000-000000000001', staffUsername: 'counselor1@example.org', staffRoles: 'supervisor' },
    });
  });

  it('reads the header whatever its case', async () => {
    const policy = await handler(authorizerEvent({ authorization: `bearer ${issuer.token()}` }), context);
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it.each([
    ['no Authorization header', {}],
    ['a Basic header', { Authorization: 'Basic Y291bnNlbG9yOnB3' }],
    ['a bearer token that does not verify', { Authorization: 'Bearer not.a.jwt' }],
  ])('throws Unauthorized (401) for %s', async (_what, headers) => {
    await expect(handler(authorizerEvent(headers), context)).rejects.toThrow(/^Unauthorized$/);
  });

  it('takes the Authorization header, not the first header that comes', async () => {
    const policy = await handler(authorizerEvent({ Accept: 'application/json', 'X-Authorization': 'Bearer nothing', Authorization: `Bearer ${issuer.token()}` }), context);
    expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('puts every staff role of the token in the context, comma-separated', async () => {
    const policy = await handler(authorizerEvent({ Authorization: `Bearer ${issuer.token({ 'cognito:groups': ['counselor', 'auditor'] })}` }), context);
    expect(policy.context?.staffRoles).toBe('counselor,auditor');
  });

  it('denies (403) a valid token that carries no staff group', async () => {
    const policy = await handler(authorizerEvent({ Authorization: `Bearer ${issuer.token({ 'cognito:groups': ['citizens'] })}` }), context);
    expect(policy).toEqual({
      principalId: 'no-staff-role',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: 'arn:aws:execute-api:ap-northeast-2:123456789012:abc123/dev/*' }] },
    });
  });
});

/** A verifier that records the tokens it was asked about and answers as told. */
function scriptedVerifier(answer: (token: string) => Promise<{ subject: string; username: string; groups: string[]; expiresAt: number }>): StaffTokenVerifier & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    verify(token) {
      asked.push(token);
      return answer(token);
    },
  };
}

describe('authorizeStaff', () => {
  const staff = { subject: 'sub-9', username: 'lee@example.org', groups: ['auditor'], expiresAt: 2_000_000_000 };

  it('asks the verifier nothing without a bearer token', async () => {
    const verifier = scriptedVerifier(async () => staff);
    for (const header of [undefined, '', 'Basic abc']) {
      expect(await authorizeStaff({ verifier, log: new CapturingLog() }, header)).toEqual({ ok: false, reason: 'missing_token' });
    }
    expect(verifier.asked).toEqual([]);
  });

  it('names the principal and how it was established', async () => {
    const verifier = scriptedVerifier(async () => staff);
    expect(await authorizeStaff({ verifier, log: new CapturingLog() }, 'Bearer t.o.k')).toEqual({
      ok: true,
      principal: { subject: 'sub-9', username: 'lee@example.org', roles: ['auditor'], via: 'token' },
    });
    expect(verifier.asked).toEqual(['t.o.k']);
  });

  it('answers invalid_token for a token the verifier refuses, and lets any other failure through', async () => {
    const refusing = scriptedVerifier(async () => {
      throw new InvalidStaffTokenError('expired');
    });
    expect(await authorizeStaff({ verifier: refusing, log: new CapturingLog() }, 'Bearer t.o.k')).toEqual({ ok: false, reason: 'invalid_token' });
    // A JWKS outage is not the caller's fault: it must not be answered as a bad token (401).
    const broken = scriptedVerifier(async () => {
      throw new Error('JWKS unreachable');
    });
    await expect(authorizeStaff({ verifier: broken, log: new CapturingLog() }, 'Bearer t.o.k')).rejects.toThrow('JWKS unreachable');
  });
});

describe('the staff authorizer records the refusals it makes (the route never sees them)', () => {
  it('records a token that does not verify as refused, unauthenticated, under the action of the route it was sent to', async () => {
    await expect(handler(authorizerEvent({ Authorization: 'Bearer not.a.jwt' }, { method: 'GET', resource: '/api/complaints/{id}' }), context)).rejects.toThrow(/^Unauthorized$/);
    expect(refusals).toEqual([
      {
        actor: null,
        request: { requestId: 'authz-req-1', at: expect.any(String), sourceIp: '203.0.113.9', route: 'GET /api/complaints/{id}' },
        attempt: { action: 'complaint.read', refusal: 'unauthenticated', complaintId: COMPLAINT },
      },
    ]);
  });

  it('records an expired token and a header that is no bearer token the same way', async () => {
    const expired = issuer.token({ exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(handler(authorizerEvent({ Authorization: `Bearer ${expired}` }), context)).rejects.toThrow(/^Unauthorized$/);
    await expect(handler(authorizerEvent({ Authorization: 'Basic Y291bnNlbG9yOnB3' }), context)).rejects.toThrow(/^Unauthorized$/);
    expect(refusals.map((entry) => [entry.actor, entry.attempt])).toEqual([
      [null, { action: 'complaints.list', refusal: 'unauthenticated' }],
      [null, { action: 'complaints.list', refusal: 'unauthenticated' }],
    ]);
  });

  it('records a signed-in account without a staff group as refused, forbidden, naming the account under role none', async () => {
    await handler(authorizerEvent({ Authorization: `Bearer ${issuer.token({ 'cognito:groups': ['citizens'] })}` }, { method: 'GET', resource: '/api/audit' }), context);
    expect(refusals).toEqual([
      {
        actor: { subject: '6f1d2c3b-0000-4000-8000-000000000001', username: 'counselor1@example.org', role: 'none' },
        request: expect.objectContaining({ route: 'GET /api/audit' }),
        attempt: { action: 'audit.read', refusal: 'forbidden' },
      },
    ]);
  });

  it('records nothing for a staff member it lets through: the route records the call', async () => {
    await handler(authorizerEvent({ Authorization: `Bearer ${issuer.token()}` }), context);
    expect(refusals).toEqual([]);
  });

  it('records nothing for a route outside every staff API, and names no complaint by a receipt number', async () => {
    await expect(handler(authorizerEvent({ Authorization: 'Bearer not.a.jwt' }, { method: 'GET', resource: '/ops/queues' }), context)).rejects.toThrow(/^Unauthorized$/);
    expect(refusals).toEqual([]);
    await expect(handler(authorizerEvent({ Authorization: 'Bearer not.a.jwt' }, { method: 'GET', resource: '/api/complaints/{id}', id: '20260302-ABCDE-FGHJK' }), context)).rejects.toThrow(/^Unauthorized$/);
    expect(refusals.map((entry) => entry.attempt)).toEqual([{ action: 'complaint.read', refusal: 'unauthenticated' }]);
  });

  it('fails (API Gateway answers 500) rather than refuse without a record', async () => {
    recordingFails = true;
    await expect(handler(authorizerEvent({ Authorization: 'Bearer not.a.jwt' }), context)).rejects.toThrow('audit table unavailable');
  });
});

function proxyEvent(resource: string, authorizer: Record<string, unknown> | null, userArn: string | null = null): APIGatewayProxyEvent {
  return { resource, requestContext: { authorizer, identity: { userArn } } } as unknown as APIGatewayProxyEvent;
}

describe('staff principal on a route', () => {
  it('comes from the authorizer context, never from anything else', () => {
    const event = proxyEvent('/api/complaints', { staffSubject: 's-1', staffUsername: 'kim@example.org', staffRoles: 'counselor' });
    expect(staffPrincipalOf(event)).toEqual({ subject: 's-1', username: 'kim@example.org', roles: ['counselor'], via: 'token' });
  });

  it('ignores unknown roles in the context', () => {
    expect(staffPrincipalOf(proxyEvent('/api/complaints', { staffSubject: 's', staffUsername: 'u', staffRoles: 'root,admin' }))).toBeNull();
  });

  it('is a read-only auditor for an IAM-signed call on the /iam routes only', () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/Auditors/lee';
    expect(staffPrincipalOf(proxyEvent('/iam/api/complaints', null, arn))).toEqual({ subject: arn, username: 'lee', roles: ['auditor'], via: 'iam' });
    expect(staffPrincipalOf(proxyEvent('/api/complaints', null, arn))).toBeNull();
  });

  it('answers 401 without a principal and 403 for a role that lacks the permission', () => {
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof HttpError ? error.statusCode : -1;
      }
      return 200;
    };
    expect(status(() => requireStaff(proxyEvent('/api/complaints', null), 'complaints:read'))).toBe(401);
    const auditor = proxyEvent('/api/complaints/{id}/replies', { staffSubject: 's', staffUsername: 'a@example.org', staffRoles: 'auditor' });
    expect(status(() => requireStaff(auditor, 'complaints:reply'))).toBe(403);
    expect(status(() => requireStaff(auditor, 'complaints:read'))).toBe(200);
  });

  it('says why it refuses: sign in, or which roles may not do what', () => {
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof HttpError ? error.message : String(error);
      }
      return 'allowed';
    };
    expect(message(() => requireStaff(proxyEvent('/api/complaints', null), 'complaints:read'))).toBe('sign in: this route needs a staff token');
    const staff = proxyEvent('/api/audit', { staffSubject: 's', staffUsername: 'k@example.org', staffRoles: 'counselor,supervisor' });
    expect(message(() => requireStaff(staff, 'audit:read'))).toBe('your role (counselor, supervisor) may not audit:read');
  });
});

describe('roles', () => {
  it('auditors are read-only: no reply, change, unmask, edit, import or operations', () => {
    const writes = ['complaints:reply', 'complaints:update', 'citizen:unmask', 'knowledge:edit', 'knowledge:import', 'knowledge:feedback', 'quick-responses:edit', 'operations:manage'] as const;
    for (const permission of writes) expect(may({ roles: ['auditor'] }, permission)).toBe(false);
  });

  it('supervisors can do everything counselors can', () => {
    for (const permission of ROLE_PERMISSIONS.counselor) expect(may({ roles: ['supervisor'] }, permission)).toBe(true);
    expect(may({ roles: ['counselor'] }, 'knowledge:import')).toBe(false);
    expect(may({ roles: ['counselor'] }, 'statistics:read')).toBe(false);
  });

  it('only auditors read the audit trail; every permission is granted to someone', () => {
    expect(STAFF_PERMISSIONS.filter((permission) => may({ roles: ['auditor'] }, permission))).toContain('audit:read');
    expect(may({ roles: ['supervisor'] }, 'audit:read')).toBe(false);
    for (const permission of STAFF_PERMISSIONS) expect(may({ roles: ['counselor', 'supervisor', 'auditor'] }, permission)).toBe(true);
  });

  it('grants each role exactly these permissions (a new permission is granted deliberately, here and in roles.ts)', () => {
    const granted = (role: (typeof STAFF_ROLES)[number]) => STAFF_PERMISSIONS.filter((permission) => may({ roles: [role] }, permission));
    expect(STAFF_ROLES).toEqual(['counselor', 'supervisor', 'auditor']);
    expect(granted('counselor')).toEqual(['complaints:read', 'complaints:reply', 'complaints:update', 'citizen:unmask', 'knowledge:read', 'knowledge:feedback', 'video:answer']);
    expect(granted('supervisor')).toEqual(STAFF_PERMISSIONS.filter((permission) => permission !== 'audit:read'));
    expect(granted('auditor')).toEqual(['complaints:read', 'knowledge:read', 'statistics:read', 'audit:read']);
    expect(may({ roles: [] }, 'complaints:read')).toBe(false);
  });

  it('records an action under the first of the caller\'s roles that grants it', () => {
    expect(roleFor({ roles: ['auditor', 'supervisor'] }, 'complaints:read')).toBe('auditor');
    expect(roleFor({ roles: ['auditor', 'supervisor'] }, 'complaints:reply')).toBe('supervisor');
    expect(roleFor({ roles: ['auditor'] }, 'complaints:reply')).toBeUndefined();
  });

  it('knows the staff roles by their exact names', () => {
    for (const role of STAFF_ROLES) expect(isStaffRole(role)).toBe(true);
    for (const other of ['Counselor', 'admin', '', 'counselor ']) expect(isStaffRole(other)).toBe(false);
  });

  it('takes roles only from the staff groups', () => {
    expect(rolesFromGroups(['Admins', 'auditor', 'counselor'])).toEqual(['counselor', 'auditor']);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Bearer abc def')).toBeNull();
    expect(bearerToken('Token abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('XBearer abc')).toBeNull();
    expect(bearerToken('Bearer \t abc \t')).toBe('abc');
    expect(bearerToken('Bearer abc x')).toBeNull();
  });
});
