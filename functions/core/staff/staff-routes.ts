import type { AuditAction } from '../audit/model.ts';
import type { StaffPermission } from './roles.ts';

export interface StaffRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource template. */
  readonly path: string;
  /** What the caller's role must grant; checked on every call before any work. */
  readonly permission: StaffPermission;
  /** Also served under /iam for auditors' SigV4-signed scripts (read-only routes only). */
  readonly iam?: true;
  /** Query string parameters API Gateway passes on (all optional). */
  readonly query?: readonly string[];
  /**
   * What every call is recorded as in the audit trail (ADR 0018): allowed, or refused with 401/403.
   * The staff router records it before the response leaves (functions/handlers/shared/staff-router.ts).
   */
  readonly audit: AuditAction;
  /**
   * Media types of the request body besides application/json (an import file). The API passes
   * them to the handler as bytes (binary media types); the local gateway's request guard admits
   * them on this route only.
   */
  readonly bodyTypes?: readonly string[];
}

/** The complaints API (functions/handlers/complaints-api.ts). */
export const COMPLAINTS_API_ROUTES = [
  { method: 'GET', path: '/api/complaints', permission: 'complaints:read', iam: true, query: ['channel', 'status', 'language', 'category', 'from', 'to', 'limit', 'cursor', 'order'], audit: 'complaints.list' },
  // A POST so a citizen's phone number never sits in a URL.
  { method: 'POST', path: '/api/complaints/search', permission: 'complaints:read', audit: 'complaints.search' },
  { method: 'GET', path: '/api/complaints/overdue', permission: 'complaints:oversee', query: ['now', 'limit', 'cursor'], audit: 'complaints.overdue' },
  { method: 'GET', path: '/api/complaints/{id}', permission: 'complaints:read', iam: true, audit: 'complaint.read' },
  { method: 'POST', path: '/api/complaints/{id}/replies', permission: 'complaints:reply', audit: 'reply.send' },
  { method: 'POST', path: '/api/complaints/{id}/replies/{replyId}/delivered-otherwise', permission: 'complaints:reply', audit: 'reply.delivered-otherwise' },
  { method: 'POST', path: '/api/complaints/{id}/status', permission: 'complaints:update', audit: 'status.change' },
  { method: 'POST', path: '/api/complaints/{id}/assignment', permission: 'complaints:update', audit: 'assignment.change' },
  { method: 'POST', path: '/api/complaints/{id}/petition-type', permission: 'complaints:update', audit: 'petition-type.change' },
  { method: 'POST', path: '/api/complaints/{id}/deadline-extension', permission: 'complaints:update', audit: 'deadline.extend' },
  /** The citizen's number in clear, to call back: a reason is required and recorded. */
  { method: 'POST', path: '/api/complaints/{id}/unmask', permission: 'citizen:unmask', audit: 'citizen.unmask' },
] as const satisfies readonly StaffRoute[];

/** The audit API (functions/handlers/audit-api.ts): auditors only; every call is itself recorded. */
export const AUDIT_API_ROUTES = [
  { method: 'GET', path: '/api/audit', permission: 'audit:read', iam: true, query: ['from', 'to', 'actor', 'action', 'complaintId', 'cursor', 'limit'], audit: 'audit.read' },
  { method: 'GET', path: '/api/audit/verify', permission: 'audit:read', iam: true, query: ['day'], audit: 'audit.verify' },
  { method: 'GET', path: '/api/audit/review', permission: 'audit:read', iam: true, query: ['month'], audit: 'audit.review' },
] as const satisfies readonly StaffRoute[];

/** The knowledge search function (functions/handlers/knowledge-search.ts): kept small so it loads fast. */
export const KNOWLEDGE_SEARCH_ROUTES = [
  { method: 'GET', path: '/api/knowledge/search', permission: 'knowledge:read', query: ['q', 'limit', 'category'], audit: 'knowledge.search' },
] as const satisfies readonly StaffRoute[];

/** The rest of the knowledge API (functions/handlers/knowledge-api.ts): cases, import, gaps, feedback, drafts, quick responses. */
export const KNOWLEDGE_API_ROUTES = [
  { method: 'GET', path: '/api/knowledge/cases/{caseId}', permission: 'knowledge:read', audit: 'knowledge.read' },
  { method: 'GET', path: '/api/knowledge/cases/{caseId}/versions', permission: 'knowledge:read', audit: 'knowledge.read' },
  { method: 'PUT', path: '/api/knowledge/cases/{caseId}', permission: 'knowledge:edit', audit: 'knowledge.edit' },
  { method: 'POST', path: '/api/knowledge/cases/{caseId}/retire', permission: 'knowledge:edit', audit: 'knowledge.retire' },
  { method: 'POST', path: '/api/knowledge/cases/{caseId}/publish', permission: 'knowledge:edit', audit: 'knowledge.publish' },
  { method: 'POST', path: '/api/knowledge/import', permission: 'knowledge:import', bodyTypes: ['application/x-ndjson', 'text/csv'], audit: 'knowledge.import' },
  { method: 'GET', path: '/api/knowledge/gaps', permission: 'knowledge:edit', query: ['limit'], audit: 'knowledge.gaps.read' },
  { method: 'POST', path: '/api/knowledge/feedback', permission: 'knowledge:feedback', audit: 'knowledge.feedback' },
  { method: 'POST', path: '/api/knowledge/drafts', permission: 'knowledge:edit', audit: 'knowledge.draft' },
  { method: 'GET', path: '/api/quick-responses', permission: 'knowledge:read', query: ['q', 'language'], audit: 'quick-responses.search' },
  { method: 'PUT', path: '/api/quick-responses/{id}', permission: 'quick-responses:edit', audit: 'quick-response.edit' },
  // Writes nothing: fills a response's placeholders from a complaint the caller may read anyway.
  { method: 'POST', path: '/api/quick-responses/{id}/fill', permission: 'knowledge:read', audit: 'quick-response.fill' },
] as const satisfies readonly StaffRoute[];

/** Self-service statistics (functions/handlers/self-service-stats.ts): per KST day, no personal data. */
export const SELF_SERVICE_STATS_ROUTES = [
  { method: 'GET', path: '/api/self-service/stats', permission: 'statistics:read', iam: true, query: ['from', 'to'] , audit: 'statistics.read' },
] as const satisfies readonly StaffRoute[];

/**
 * Statistics (functions/handlers/statistics-api.ts): the figures of a range of KST days, and the
 * same as a CSV download.
 */
export const STATISTICS_API_ROUTES = [
  { method: 'GET', path: '/api/statistics', permission: 'statistics:read', iam: true, query: ['from', 'to'], audit: 'statistics.read' },
  { method: 'GET', path: '/api/statistics.csv', permission: 'statistics:read', iam: true, query: ['from', 'to'], audit: 'statistics.download' },
] as const satisfies readonly StaffRoute[];

/**
 * Every staff API handler with its routes: each handler checks every call against its own list,
 * the CDK stack creates exactly these methods behind the staff authorizer, and the local gateway
 * mounts the same list (tests compare all three).
 */
export const STAFF_APIS = {
  complaints: COMPLAINTS_API_ROUTES,
  statistics: STATISTICS_API_ROUTES,
  audit: AUDIT_API_ROUTES,
  /** Two functions serve it: search (KNOWLEDGE_SEARCH_ROUTES) and the rest (KNOWLEDGE_API_ROUTES). */
  knowledge: [...KNOWLEDGE_SEARCH_ROUTES, ...KNOWLEDGE_API_ROUTES],
  selfServiceStats: SELF_SERVICE_STATS_ROUTES,
} as const satisfies Record<string, readonly StaffRoute[]>;

export type StaffApiName = keyof typeof STAFF_APIS;

export function findStaffRoute(routes: readonly StaffRoute[], method: string, resource: string): StaffRoute | undefined {
  return routes.find((route) => route.method === method && route.path === resource);
}

/** The route of any staff API a method and resource template name (the staff authorizer records refusals under its action). */
export function anyStaffRoute(method: string, resource: string): StaffRoute | undefined {
  for (const routes of Object.values(STAFF_APIS)) {
    const route = findStaffRoute(routes, method, resource);
    if (route) return route;
  }
  return undefined;
}

/** Body media types beside JSON that some route accepts: the API must pass them on as bytes. */
export function binaryBodyTypes(routes: readonly StaffRoute[]): string[] {
  return [...new Set(routes.flatMap((route) => route.bodyTypes ?? []))].sort();
}
