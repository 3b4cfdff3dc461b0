import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { auditComplaintId } from '../core/audit/model.ts';
import { isComplaintId } from '../core/ids.ts';
import { authorizeStaff, type StaffAuthorization, type StaffAuthorizerDeps } from '../core/staff/authorize.ts';
import { anyStaffRoute } from '../core/staff/staff-routes.ts';
import { staffAuthorizerDeps } from '../wiring/aws/staff-authorizer.ts';
import { accessRequestOf } from './shared/audit-request.ts';
import { lazy } from './shared/lazy.ts';
import { STAFF_CONTEXT, wholeStageArn } from './shared/staff-context.ts';

function headerOf(event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted && value) return value;
  return undefined;
}

/**
 * Records a refusal before it is answered, under the action of the route the request was for
 * (the route never sees it). A route outside every staff API (only the local gateway's own
 * operations views) has no action and is not recorded. A failed write throws, which API Gateway
 * answers with 500: the request is refused either way, never without its record.
 */
async function recordRefusal(deps: StaffAuthorizerDeps, event: APIGatewayRequestAuthorizerEvent, refused: Extract<StaffAuthorization, { ok: false }>): Promise<void> {
  const route = anyStaffRoute(event.httpMethod, event.resource);
  if (!route) return;
  const id = event.pathParameters?.id;
  const complaintId = id && isComplaintId(id) ? { complaintId: auditComplaintId(id) } : {};
  const request = accessRequestOf(event);
  if (refused.reason === 'no_staff_role') {
    await deps.access.refuse({ subject: refused.subject, username: refused.username, role: 'none' }, request, { action: route.audit, refusal: 'forbidden', ...complaintId });
  } else {
    await deps.access.refuse(null, request, { action: route.audit, refusal: 'unauthenticated', ...complaintId });
  }
}

/**
 * REQUEST authorizer of the staff API. No token, or one that does not verify: throws
 * 'Unauthorized' (API Gateway answers 401). A valid token without a staff group: Deny (403).
 * Both are recorded in the audit trail first. A staff member: Allow on the whole stage (the
 * policy is cached per token for every route), with the user and roles in the context; each
 * route checks the role it needs and records the call.
 */
export function createStaffAuthorizerHandler(getDeps: () => Promise<StaffAuthorizerDeps>) {
  const base = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const deps = await getDeps();
    const result = await authorizeStaff(deps, headerOf(event, 'authorization'));
    if (!result.ok) {
      await recordRefusal(deps, event, result);
      if (result.reason !== 'no_staff_role') throw new Error('Unauthorized');
      return {
        principalId: 'no-staff-role',
        policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: wholeStageArn(event.methodArn) }] },
      };
    }
    const { principal } = result;
    return {
      principalId: principal.subject,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeStageArn(event.methodArn) }] },
      context: {
        [STAFF_CONTEXT.subject]: principal.subject,
        [STAFF_CONTEXT.username]: principal.username,
        [STAFF_CONTEXT.roles]: principal.roles.join(','),
      },
    };
  };
  return middy(base);
}

export const handler = createStaffAuthorizerHandler(lazy(staffAuthorizerDeps));
