import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessRecorder } from '../../../functions/core/audit/deps.ts';
import { auditReason, type AccessEvent, type AccessRecord, type AccessRequest, type AuditActor, type RefusedActor } from '../../../functions/core/audit/model.ts';
import type { StaffRoute } from '../../../functions/core/staff/staff-routes.ts';
import { HttpError, json } from '../../../functions/handlers/shared/http.ts';
import { staffApiHandler, type StaffCall } from '../../../functions/handlers/shared/staff-router.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';

const ROUTES = [
  { method: 'GET', path: '/api/things', permission: 'complaints:read', iam: true, audit: 'complaints.list' },
  { method: 'GET', path: '/api/things/{id}', permission: 'complaints:read', audit: 'complaint.read' },
  { method: 'POST', path: '/api/things/{id}/unmask', permission: 'citizen:unmask', audit: 'citizen.unmask' },
] as const satisfies readonly StaffRoute[];

const COMPLAINT = 'cmp_0123456789abcdefghjkmnpq';
const CITIZEN = 'h'.repeat(43);
const RECEIPT = '20260302-ABCDE-FGHJK';
const APP = 'https://d111111abcdef8.cloudfront.net';

type Recorded =
  | { kind: 'record'; actor: AuditActor; request: AccessRequest; event: AccessEvent }
  | { kind: 'refuse'; actor: RefusedActor | null; request: AccessRequest; attempt: Record<string, unknown> };

function event(method: string, resource: string, options: { id?: string; staff?: { roles: string } | null; userArn?: string } = {}): APIGatewayProxyEvent {
  const staff = options.staff === undefined ? { roles: 'counselor' } : options.staff;
  return {
    resource,
    path: resource.replace('{id}', options.id ?? COMPLAINT),
    httpMethod: method,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: resource.includes('{id}') ? { id: options.id ?? COMPLAINT } : null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-0001',
      requestTimeEpoch: Date.parse('2026-03-02T01:00:00.000Z'),
      identity: { sourceIp: '198.51.100.7', userArn: options.userArn ?? null },
      authorizer: staff ? { staffSubject: 'sub-kim', staffUsername: 'kim@example.org', staffRoles: staff.roles } : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

describe('staff API handlers record every call before the response leaves', () => {
  let recorded: Recorded[];
  let failWrites: boolean;
  let served: number;
  let serve: (event: APIGatewayProxyEvent, call: StaffCall) => Promise<APIGatewayProxyResult>;
  let handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  let log: CapturingLog;

  beforeEach(() => {
    recorded = [];
    failWrites = false;
    served = 0;
    const access: AccessRecorder = {
      record: async (actor, request, accessEvent) => {
        if (failWrites) throw new Error('audit table unavailable');
        recorded.push({ kind: 'record', actor, request, event: accessEvent });
        return {} as AccessRecord;
      },
      refuse: async (actor, request, attempt) => {
        if (failWrites) throw new Error('audit table unavailable');
        recorded.push({ kind: 'refuse', actor, request, attempt });
        return {} as AccessRecord;
      },
    };
    serve = async () => json(200, { ok: true });
    log = new CapturingLog();
    const deps = { log, access, corsOrigins: [APP] };
    const wrapped = staffApiHandler(ROUTES, async () => deps, async (incoming, call) => {
      served += 1;
      return serve(incoming, call);
    });
    handler = (incoming) => wrapped(incoming, {} as Context);
  });

  it('records an allowed call once, with the actor, the role that allowed it, the action, the route, the source address and what the handler noted', async () => {
    serve = async (_event, call) => {
      call.note({ complaintId: COMPLAINT, citizenKeyHash: CITIZEN });
      return json(200, { complaintId: COMPLAINT });
    };
    const response = await handler(event('GET', '/api/things/{id}'));
    expect(response.statusCode).toBe(200);
    expect(recorded).toEqual([
      {
        kind: 'record',
        actor: { subject: 'sub-kim', username: 'kim@example.org', role: 'counselor' },
        request: { requestId: 'req-0001', at: '2026-03-02T01:00:00.000Z', sourceIp: '198.51.100.7', route: 'GET /api/things/{id}' },
        event: { action: 'complaint.read', complaintId: COMPLAINT, citizenKeyHash: CITIZEN },
      },
    ]);
  });

  it('names the complaint of the path when the handler notes none, but never a receipt number', async () => {
    await handler(event('GET', '/api/things/{id}'));
    await handler(event('GET', '/api/things/{id}', { id: RECEIPT }));
    expect(recorded.map((entry) => (entry.kind === 'record' ? entry.event : null))).toEqual([{ action: 'complaint.read', complaintId: COMPLAINT }, { action: 'complaint.read' }]);
  });

  it('records a result count noted by a list', async () => {
    serve = async (_event, call) => {
      call.note({ resultCount: 3 });
      return json(200, { items: [1, 2, 3] });
    };
    await handler(event('GET', '/api/things'));
    expect(recorded).toMatchObject([{ kind: 'record', event: { action: 'complaints.list', resultCount: 3 } }]);
  });

  it('records an IAM-signed auditor on the /iam mirror under the route template without the prefix', async () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/Auditors/lee';
    await handler(event('GET', '/iam/api/things', { staff: null, userArn: arn }));
    expect(recorded).toMatchObject([{ kind: 'record', actor: { subject: arn, username: 'lee', role: 'auditor' }, event: { action: 'complaints.list' } }]);
  });

  it('records 401 (nobody established) as refused, unauthenticated, without running the handler', async () => {
    const response = await handler(event('GET', '/api/things/{id}', { staff: null }));
    expect(response.statusCode).toBe(401);
    expect(served).toBe(0);
    expect(recorded).toEqual([
      {
        kind: 'refuse',
        actor: null,
        request: expect.objectContaining({ sourceIp: '198.51.100.7', route: 'GET /api/things/{id}' }),
        attempt: { action: 'complaint.read', refusal: 'unauthenticated', complaintId: COMPLAINT },
      },
    ]);
  });

  it('records 403 (a role without the permission) as refused, forbidden, under the caller\'s role', async () => {
    const response = await handler(event('POST', '/api/things/{id}/unmask', { staff: { roles: 'auditor' } }));
    expect(response.statusCode).toBe(403);
    expect(served).toBe(0);
    expect(recorded).toEqual([
      {
        kind: 'refuse',
        actor: { subject: 'sub-kim', username: 'kim@example.org', role: 'auditor' },
        request: expect.objectContaining({ route: 'POST /api/things/{id}/unmask' }),
        attempt: { action: 'citizen.unmask', refusal: 'forbidden', complaintId: COMPLAINT },
      },
    ]);
  });

  it('fails the request, without its body, when the record cannot be written (no read without its record)', async () => {
    serve = async () => json(200, { secret: 'the answer' });
    failWrites = true;
    const response = await handler(event('GET', '/api/things/{id}'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('the answer');
    const refused = await handler(event('GET', '/api/things/{id}', { staff: null }));
    expect(refused.statusCode).toBe(500);
  });

  it('records nothing for a call that fails before it returns anything (bad input, not found): nothing was read or changed', async () => {
    serve = async () => {
      throw new HttpError(404, 'no such thing');
    };
    expect((await handler(event('GET', '/api/things/{id}'))).statusCode).toBe(404);
    serve = async () => json(400, { error: 'bad' });
    expect((await handler(event('GET', '/api/things/{id}'))).statusCode).toBe(400);
    expect(recorded).toEqual([]);
  });

  it('an unmask is recorded with its reason, and cannot be answered without one', async () => {
    serve = async (_event, call) => {
      call.note({ complaintId: COMPLAINT, citizenKeyHash: CITIZEN, reason: auditReason('콜백 요청: 010-1234-5678 로 연락 원함') });
      return json(200, { number: '+821012345678' });
    };
    // Under the role that grants the permission, not merely the first one.
    expect((await handler(event('POST', '/api/things/{id}/unmask', { staff: { roles: 'auditor,counselor' } }))).statusCode).toBe(200);
    expect(recorded).toMatchObject([{ kind: 'record', actor: { role: 'counselor' }, event: { action: 'citizen.unmask', reason: expect.not.stringContaining('1234-5678') } }]);
    serve = async () => json(200, { number: '+821012345678' });
    const withoutReason = await handler(event('POST', '/api/things/{id}/unmask'));
    expect(withoutReason.statusCode).toBe(500);
    expect(withoutReason.body).not.toContain('+8210');
    expect(recorded).toHaveLength(1);
  });

  it('records the complaint the handler noted over the one its path names, and no result count it did not note', async () => {
    const resolved = 'cmp_zyxwvtsrqpnmkjhgfedcba98';
    serve = async (_event, call) => {
      call.note({ complaintId: resolved });
      return json(200, { ok: true });
    };
    await handler(event('GET', '/api/things/{id}'));
    const first = recorded[0];
    expect(first?.kind === 'record' ? first.event : null).toEqual({ action: 'complaint.read', complaintId: resolved });
    expect(first?.kind === 'record' ? Object.keys(first.event) : []).toEqual(['action', 'complaintId']);
  });

  it('records a reason a handler noted on a call that needs none', async () => {
    serve = async (_event, call) => {
      call.note({ reason: auditReason('민원인 요청으로 재확인') });
      return json(200, { ok: true });
    };
    await handler(event('GET', '/api/things/{id}'));
    expect(recorded).toMatchObject([{ kind: 'record', event: { action: 'complaint.read', reason: '민원인 요청으로 재확인' } }]);
  });

  it('logs why an unmask without a reason failed', async () => {
    serve = async () => json(200, { number: '+821012345678' });
    await handler(event('POST', '/api/things/{id}/unmask'));
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([
      { level: 'error', message: 'unhandled error', attributes: { errorName: 'AuditInputError', errorMessage: 'an unmask was served without a reason to record' } },
    ]);
  });

  it("names the workspace app's origin on its answers, and no other origin", async () => {
    const fromApp = { ...event('GET', '/api/things'), headers: { Origin: APP } };
    expect((await handler(fromApp)).headers).toMatchObject({ 'access-control-allow-origin': APP });
    const fromElsewhere = { ...event('GET', '/api/things'), headers: { Origin: 'https://evil.example.org' } };
    expect((await handler(fromElsewhere)).headers?.['access-control-allow-origin']).toBeUndefined();
    const noOrigins = staffApiHandler(ROUTES, async () => ({ log, access: { record: async () => ({}) as AccessRecord, refuse: async () => ({}) as AccessRecord } }), async () => json(200, {}));
    const answered = await noOrigins(fromApp, {} as Context);
    expect(answered.statusCode).toBe(200);
    expect(answered.headers?.['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 404 for a route the list does not name, and records nothing', async () => {
    expect((await handler(event('DELETE', '/api/things/{id}'))).statusCode).toBe(404);
    expect(recorded).toEqual([]);
  });
});
