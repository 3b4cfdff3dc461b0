import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { binaryBodyTypes, COMPLAINTS_API_ROUTES, findStaffRoute, STAFF_APIS, type StaffRoute } from '../../../functions/core/staff/staff-routes.ts';
import { json } from '../../../functions/handlers/shared/http.ts';
import { requireStaff, staffPrincipalOf, wholeStageArn } from '../../../functions/handlers/shared/staff-context.ts';
import { staffApiHandler } from '../../../functions/handlers/shared/staff-router.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';
import { recordingAccess } from '../../support/recording-access.ts';

const ROUTES: readonly StaffRoute[] = [
  { method: 'GET', path: '/api/things', permission: 'complaints:read', iam: true, audit: 'complaints.list' },
  { method: 'POST', path: '/api/things/{id}/reply', permission: 'complaints:reply', audit: 'reply.send' },
];

function event(httpMethod: string, resource: string, roles: string | null, userArn: string | null = null): APIGatewayProxyEvent {
  const authorizer = roles === null ? null : { staffSubject: 'sub-1', staffUsername: 'kim@example.org', staffRoles: roles };
  return { httpMethod, resource, requestContext: { authorizer, identity: { userArn } } } as unknown as APIGatewayProxyEvent;
}

/** What the handler served the call as ({route, actor}), or how it refused it ({status, message}). */
async function staffCall(routes: readonly StaffRoute[], incoming: APIGatewayProxyEvent): Promise<unknown> {
  const handler = staffApiHandler(routes, async () => ({ log: new CapturingLog(), access: recordingAccess() }), async (_event, call) => json(200, { route: call.route, actor: call.actor }));
  const response = await handler(incoming, {} as Context);
  const body = JSON.parse(response.body) as { error?: string };
  return response.statusCode === 200 ? body : { status: response.statusCode, message: body.error };
}

const failure = async (answer: Promise<unknown>) => (await answer) as { status: number; message: string };

describe('the staff router: the route, then the caller, before any work', () => {
  it('names the matched route and the actor from the authorizer', async () => {
    expect(await staffCall(ROUTES, event('POST', '/api/things/{id}/reply', 'counselor'))).toEqual({
      route: 'POST /api/things/{id}/reply',
      actor: { subject: 'sub-1', username: 'kim@example.org', roles: ['counselor'], via: 'token' },
    });
  });

  it('answers 404 for a method or path its list does not name', async () => {
    expect(await failure(staffCall(ROUTES, event('DELETE', '/api/things', 'supervisor')))).toEqual({ status: 404, message: 'no route DELETE /api/things' });
    expect(await failure(staffCall(ROUTES, event('GET', '/api/thing', 'supervisor')))).toEqual({ status: 404, message: 'no route GET /api/thing' });
  });

  it('answers 401 without a caller and 403 naming the role and permission it lacks', async () => {
    expect(await failure(staffCall(ROUTES, event('GET', '/api/things', null)))).toEqual({ status: 401, message: 'sign in: this route needs a staff token' });
    expect(await failure(staffCall(ROUTES, event('POST', '/api/things/{id}/reply', 'auditor,counselor-x')))).toEqual({
      status: 403,
      message: 'your role (auditor) may not complaints:reply',
    });
    expect(await failure(staffCall([{ method: 'PUT', path: '/api/articles', permission: 'knowledge:edit', audit: 'knowledge.edit' }], event('PUT', '/api/articles', 'counselor,auditor')))).toEqual({
      status: 403,
      message: 'your role (counselor, auditor) may not knowledge:edit',
    });
  });

  it('matches a SigV4 call under /iam without its prefix, as a read-only auditor', async () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/Auditors/lee';
    expect(await staffCall(ROUTES, event('GET', '/iam/api/things', null, arn))).toEqual({
      route: 'GET /api/things',
      actor: { subject: arn, username: 'lee', roles: ['auditor'], via: 'iam' },
    });
    expect(await failure(staffCall(ROUTES, event('POST', '/iam/api/things/{id}/reply', null, arn)))).toMatchObject({ status: 403 });
    // Only the exact /iam/ prefix: /iamx is another path, and IAM identities count nowhere else.
    expect(await failure(staffCall(ROUTES, event('GET', '/iamx/api/things', null, arn)))).toMatchObject({ status: 404 });
    expect(await failure(staffCall([{ method: 'GET', path: '/iam', permission: 'complaints:read', audit: 'complaints.list' }], event('GET', '/iam', null, arn)))).toMatchObject({ status: 401 });
  });
});

describe('staff principal', () => {
  it('needs a subject, a username and at least one staff role', () => {
    const base = { staffSubject: 's', staffUsername: 'u', staffRoles: 'supervisor' };
    const principal = (authorizer: Record<string, unknown>) =>
      staffPrincipalOf({ resource: '/api/x', requestContext: { authorizer, identity: { userArn: null } } } as unknown as APIGatewayProxyEvent);
    expect(principal(base)).toEqual({ subject: 's', username: 'u', roles: ['supervisor'], via: 'token' });
    expect(principal({ ...base, staffRoles: 'auditor,supervisor,root' })?.roles).toEqual(['auditor', 'supervisor']);
    for (const broken of [{ ...base, staffSubject: '' }, { ...base, staffUsername: '' }, { ...base, staffRoles: '' }, { ...base, staffSubject: 7 }, { staffUsername: 'u', staffRoles: 'supervisor' }]) {
      expect(principal(broken), JSON.stringify(broken)).toBeNull();
    }
  });

  it('takes the IAM session name as the username, or the whole ARN when it has no slash', () => {
    const iam = (userArn: string) => staffPrincipalOf({ resource: '/iam/api/x', requestContext: { authorizer: null, identity: { userArn } } } as unknown as APIGatewayProxyEvent);
    expect(iam('arn:aws:iam::123456789012:user/ops/auditor-bot')?.username).toBe('auditor-bot');
    expect(iam('root')?.username).toBe('root');
    expect(iam('')).toBeNull();
    // An event without any identity (a direct invocation) has no caller rather than failing.
    expect(staffPrincipalOf({ resource: '/iam/api/x', requestContext: { authorizer: null } } as unknown as APIGatewayProxyEvent)).toBeNull();
  });

  it('lets a multi-role caller through when any role grants the permission', () => {
    const both = { httpMethod: 'POST', resource: '/api/x', requestContext: { authorizer: { staffSubject: 's', staffUsername: 'u', staffRoles: 'auditor,counselor' }, identity: { userArn: null } } } as unknown as APIGatewayProxyEvent;
    expect(requireStaff(both, 'complaints:reply').roles).toEqual(['auditor', 'counselor']);
  });

  it('allows the whole stage of the method ARN the authorizer was called for', () => {
    expect(wholeStageArn('arn:aws:execute-api:ap-northeast-2:123456789012:abc123/dev/POST/api/complaints/{id}/replies')).toBe('arn:aws:execute-api:ap-northeast-2:123456789012:abc123/dev/*');
  });
});

describe('the complaints API routes', () => {
  it('need these permissions, are recorded under these actions, and only the reads are open to auditors\' SigV4 scripts', () => {
    expect(COMPLAINTS_API_ROUTES.map((r) => `${r.method} ${r.path} ${r.permission} ${r.audit}${'iam' in r ? ' iam' : ''}`)).toEqual([
      'GET /api/complaints complaints:read complaints.list iam',
      'POST /api/complaints/search complaints:read complaints.search',
      'GET /api/complaints/overdue complaints:oversee complaints.overdue',
      'GET /api/complaints/{id} complaints:read complaint.read iam',
      'POST /api/complaints/{id}/replies complaints:reply reply.send',
      'POST /api/complaints/{id}/replies/{replyId}/delivered-otherwise complaints:reply reply.delivered-otherwise',
      'POST /api/complaints/{id}/status complaints:update status.change',
      'POST /api/complaints/{id}/assignment complaints:update assignment.change',
      'POST /api/complaints/{id}/petition-type complaints:update petition-type.change',
      'POST /api/complaints/{id}/deadline-extension complaints:update deadline.extend',
      'POST /api/complaints/{id}/unmask citizen:unmask citizen.unmask',
    ]);
    expect(COMPLAINTS_API_ROUTES[0].query).toEqual(['channel', 'status', 'language', 'category', 'from', 'to', 'limit', 'cursor', 'order']);
    expect(STAFF_APIS.complaints).toBe(COMPLAINTS_API_ROUTES);
  });

  it('are found by exact method and resource template', () => {
    expect(findStaffRoute(COMPLAINTS_API_ROUTES, 'POST', '/api/complaints/{id}/status')?.permission).toBe('complaints:update');
    expect(findStaffRoute(COMPLAINTS_API_ROUTES, 'GET', '/api/complaints/{id}/status')).toBeUndefined();
    expect(findStaffRoute(COMPLAINTS_API_ROUTES, 'POST', '/api/complaints/123/status')).toBeUndefined();
  });
});

describe('binaryBodyTypes', () => {
  it('lists the body types beside JSON that any route accepts, once each, sorted', () => {
    const routes = [
      { method: 'POST', path: '/a', permission: 'knowledge:import', audit: 'knowledge.import', bodyTypes: ['text/csv', 'application/x-ndjson'] },
      { method: 'POST', path: '/b', permission: 'knowledge:import', audit: 'knowledge.import', bodyTypes: ['text/csv'] },
      { method: 'GET', path: '/c', permission: 'knowledge:read', audit: 'knowledge.read' },
    ] as const satisfies readonly StaffRoute[];
    expect(binaryBodyTypes(routes)).toEqual(['application/x-ndjson', 'text/csv']);
    expect(binaryBodyTypes(routes.slice(2))).toEqual([]);
  });
});
