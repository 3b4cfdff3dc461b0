import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import type { StaffAuthorizerDeps } from '../functions/core/staff/authorize.ts';
import { may, type StaffPermission, type StaffPrincipal } from '../functions/core/staff/roles.ts';
import { createStaffAuthorizerHandler } from '../functions/handlers/staff-authorizer.ts';
import { staffPrincipalOf } from '../functions/handlers/shared/staff-context.ts';
import { lambdaContext } from './apigw-event.ts';

export type StaffVerdict =
  | { ok: true; principal: StaffPrincipal; context: Record<string, string> }
  | { ok: false; status: 401 | 403 | 500; error: string };

/** Plays API Gateway's part in front of the staff routes: runs the staff authorizer Lambda. */
export interface StaffGate {
  /** `permission` is checked here only for routes the gateway itself serves (outbox, dead letters). */
  admit(request: IncomingMessage, resource: string, permission?: StaffPermission, pathParameters?: Record<string, string> | null): Promise<StaffVerdict>;
}

const METHOD_ARN_PREFIX = 'arn:aws:execute-api:ap-northeast-2:000000000000:local/local';

/**
 * The same REQUEST authorizer handler as in AWS, fed the event API Gateway would build. As API
 * Gateway does, a request without the identity source (Authorization) is refused with 401 without
 * invoking the authorizer (so, as in AWS, only the access log would know of it); `Unauthorized` is
 * 401, a Deny 403, anything else 500. The authorizer records its refusals in the audit trail.
 */
export function createStaffGate(parts: StaffAuthorizerDeps): StaffGate {
  const authorizer = createStaffAuthorizerHandler(async () => parts);
  return {
    async admit(request, resource, permission, pathParameters = null) {
      const authorization = request.headers.authorization;
      if (!authorization) return { ok: false, status: 401, error: 'Unauthorized' };
      const method = request.method ?? 'GET';
      const event = {
        type: 'REQUEST',
        methodArn: `${METHOD_ARN_PREFIX}/${method}${resource}`,
        resource,
        path: new URL(request.url ?? '/', 'http://local').pathname,
        httpMethod: method,
        headers: { Authorization: authorization },
        pathParameters,
        requestContext: {
          requestId: randomUUID(),
          requestTimeEpoch: Date.now(),
          identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
          resourcePath: resource,
          httpMethod: method,
        },
      } as unknown as APIGatewayRequestAuthorizerEvent;
      let policy;
      try {
        policy = await authorizer(event, lambdaContext('staff-authorizer') as Context);
      } catch (error) {
        if (error instanceof Error && error.message === 'Unauthorized') return { ok: false, status: 401, error: 'Unauthorized' };
        parts.log.error('staff authorizer failed', { errorName: error instanceof Error ? error.name : typeof error });
        return { ok: false, status: 500, error: 'authorizer failed' };
      }
      const statement = policy.policyDocument.Statement[0];
      if (!statement || statement.Effect !== 'Allow') return { ok: false, status: 403, error: 'User is not authorized to access this resource with an explicit deny' };
      const context = Object.fromEntries(Object.entries(policy.context ?? {}).map(([key, value]) => [key, String(value)]));
      const principal = staffPrincipalOf({ resource, requestContext: { authorizer: context, identity: { userArn: null } } } as never);
      if (!principal) return { ok: false, status: 500, error: 'authorizer returned no principal' };
      if (permission && !may(principal, permission)) {
        return { ok: false, status: 403, error: `your role (${principal.roles.join(', ')}) may not ${permission}` };
      }
      return { ok: true, principal, context: { principalId: policy.principalId, ...context } };
    },
  };
}
