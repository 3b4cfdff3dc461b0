import { ForbiddenActionError } from './errors.ts';
import type { Actor } from './model.ts';

/** Defence in depth: the routes check roles too, but a use case never trusts that alone. */
export function requireRole(actor: Actor, roles: readonly Actor['role'][], action: string): void {
  if (!roles.includes(actor.role)) throw new ForbiddenActionError(action, actor.role);
}

/** Editing knowledge: supervisors, and the system loading the starter set. */
export const EDITORS: readonly Actor['role'][] = ['supervisor', 'system'];
/** Searching and suggesting: everyone on staff. */
export const READERS: readonly Actor['role'][] = ['counselor', 'supervisor', 'auditor', 'system'];
