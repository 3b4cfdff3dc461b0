/**
 * Staff roles and what each may do. The role always comes from a verified token's groups
 * (Cognito `cognito:groups`) or, for auditors' scripts, from an IAM-signed request; never from
 * a request body.
 */
export const STAFF_ROLES = ['counselor', 'supervisor', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_PERMISSIONS = [
  /** List, search and read complaints (citizen data masked). */
  'complaints:read',
  'complaints:reply',
  /** Status, category, agency, petition type. */
  'complaints:update',
  /** Watch deadlines across every counselor's work: the overdue list. */
  'complaints:oversee',
  /** Reveal a citizen's number to call back: a separate, reasoned action. */
  'citizen:unmask',
  'knowledge:read',
  'knowledge:feedback',
  'knowledge:edit',
  'knowledge:import',
  'quick-responses:edit',
  'statistics:read',
  'audit:read',
  /** Local operations views: outbox, dead letters, redrive. */
  'operations:manage',
  /** Answer citizens' sign-language video calls (locally; in AWS the Connect security profile decides). */
  'video:answer',
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

const COUNSELOR: readonly StaffPermission[] = [
  'complaints:read',
  'complaints:reply',
  'complaints:update',
  'citizen:unmask',
  'knowledge:read',
  'knowledge:feedback',
  'video:answer',
];

export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  counselor: COUNSELOR,
  supervisor: [...COUNSELOR, 'complaints:oversee', 'knowledge:edit', 'knowledge:import', 'quick-responses:edit', 'statistics:read', 'operations:manage'],
  // Read-only everywhere: never replies, edits or unmasks.
  auditor: ['complaints:read', 'knowledge:read', 'statistics:read', 'audit:read'],
};

/** Who acts on a staff route, as established by the API's authorizer. */
export interface StaffPrincipal {
  /** Stable id: the token's `sub`, or the IAM caller's ARN. */
  readonly subject: string;
  /** What access records and status history name: the sign-in name, or the IAM session name. */
  readonly username: string;
  readonly roles: readonly StaffRole[];
  /** How the caller was authenticated. */
  readonly via: 'token' | 'iam';
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** The staff roles among a token's groups; other groups (admins of other apps) grant nothing. */
export function rolesFromGroups(groups: readonly string[]): StaffRole[] {
  return STAFF_ROLES.filter((role) => groups.includes(role));
}

export function may(principal: Pick<StaffPrincipal, 'roles'>, permission: StaffPermission): boolean {
  return principal.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** The role an action is recorded under: the first of the caller's roles that grants it. */
export function roleFor(principal: Pick<StaffPrincipal, 'roles'>, permission: StaffPermission): StaffRole | undefined {
  return principal.roles.find((role) => ROLE_PERMISSIONS[role].includes(permission));
}
