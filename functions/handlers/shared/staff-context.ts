import type { APIGatewayProxyEvent } from 'aws-lambda';
import { isStaffRole, may, type StaffPermission, type StaffPrincipal, type StaffRole } from '../../core/staff/roles.ts';
import { HttpError } from './http.ts';

/** Keys of the staff authorizer's context, as API Gateway hands them to every route. */
export const STAFF_CONTEXT = { subject: 'staffSubject', username: 'staffUsername', roles: 'staffRoles' } as const;

/** Routes under this prefix are signed with SigV4 (AWS_IAM) for auditors' scripts: read-only. */
export const IAM_ROUTE_PREFIX = '/iam';

/** `arn:aws:execute-api:region:account:api/stage/*`: the policy covers every route of the stage. */
export function wholeStageArn(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The caller of a staff route, as the API established it: the staff authorizer's context for
 * token routes, the SigV4-verified IAM identity (read-only auditor) for the /iam routes.
 * Nothing a request body says counts.
 */
export function staffPrincipalOf(event: APIGatewayProxyEvent): StaffPrincipal | null {
  const context = event.requestContext.authorizer;
  const subject = text(context?.[STAFF_CONTEXT.subject]);
  const username = text(context?.[STAFF_CONTEXT.username]);
  const roles = (text(context?.[STAFF_CONTEXT.roles]) ?? '').split(',').filter(isStaffRole);
  if (subject && username && roles.length > 0) return { subject, username, roles, via: 'token' };
  const iamArn = text(event.requestContext.identity?.userArn);
  if (iamArn && event.resource.startsWith(`${IAM_ROUTE_PREFIX}/`)) {
    const roles: StaffRole[] = ['auditor'];
    return { subject: iamArn, username: iamArn.split('/').pop() ?? iamArn, roles, via: 'iam' };
  }
  return null;
}

/** The caller, if they may do this; else 401 (nobody established) or 403 (wrong role). */
export function requireStaff(event: APIGatewayProxyEvent, permission: StaffPermission): StaffPrincipal {
  const principal = staffPrincipalOf(event);
  if (!principal) throw new HttpError(401, 'sign in: this route needs a staff token');
  if (!may(principal, permission)) throw new HttpError(403, `your role (${principal.roles.join(', ')}) may not ${permission}`);
  return principal;
}
