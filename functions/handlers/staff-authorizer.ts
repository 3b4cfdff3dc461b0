import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { authorizeStaff, type StaffAuthorizerDeps } from '../core/staff/authorize.ts';
import { staffAuthorizerDeps } from '../wiring/aws/staff-authorizer.ts';
import { lazy } from './shared/lazy.ts';
import { STAFF_CONTEXT, wholeStageArn } from './shared/staff-context.ts';

function headerOf(event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted && value) return value;
  return undefined;
}

/**
 * REQUEST authorizer of the staff API. No token, or one that does not verify: throws
 * 'Unauthorized' (API Gateway answers 401). A valid token without a staff group: Deny (403).
 * A staff member: Allow on the whole stage (the policy is cached per token for every route),
 * with the user and roles in the context; each route checks the role it needs.
 */
export function createStaffAuthorizerHandler(getDeps: () => Promise<StaffAuthorizerDeps>) {
  const base = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const deps = await getDeps();
    const result = await authorizeStaff(deps, headerOf(event, 'authorization'));
    if (!result.ok) {
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
