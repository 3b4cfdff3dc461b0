import type { AccessRecorder } from '../audit/deps.ts';
import type { Log } from '../ports/runtime.ts';
import { InvalidStaffTokenError, type StaffTokenVerifier } from '../ports/staff-tokens.ts';
import { rolesFromGroups, type StaffPrincipal } from './roles.ts';

export interface StaffAuthorizerDeps {
  verifier: StaffTokenVerifier;
  log: Log;
  /** Where the authorizer's own refusals (401, 403 without a staff group) are recorded. */
  access: AccessRecorder;
}

export type StaffAuthorization =
  | { ok: true; principal: StaffPrincipal }
  | { ok: false; reason: 'missing_token' | 'invalid_token' }
  /** A verified account, just not a staff member: refusals name it. */
  | { ok: false; reason: 'no_staff_role'; subject: string; username: string };

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  return BEARER.exec(authorization)?.[1] ?? null;
}

/**
 * Who the bearer of a staff token is. A token that verifies but carries none of the staff
 * groups authenticates nobody who may use the staff routes. Records nothing itself: the
 * handler records the refusals it answers.
 */
export async function authorizeStaff(deps: Pick<StaffAuthorizerDeps, 'verifier' | 'log'>, authorization: string | undefined): Promise<StaffAuthorization> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: 'missing_token' };
  let verified;
  try {
    verified = await deps.verifier.verify(token);
  } catch (error) {
    if (!(error instanceof InvalidStaffTokenError)) throw error;
    deps.log.info('staff token refused', { reason: error.message });
    return { ok: false, reason: 'invalid_token' };
  }
  const roles = rolesFromGroups(verified.groups);
  if (roles.length === 0) return { ok: false, reason: 'no_staff_role', subject: verified.subject, username: verified.username };
  return { ok: true, principal: { subject: verified.subject, username: verified.username, roles, via: 'token' } };
}
