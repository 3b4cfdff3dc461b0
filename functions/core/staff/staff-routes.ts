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
   * Media types of the request body besides application/json (an import file). The API passes
   * them to the handler as bytes (binary media types); the local gateway's request guard admits
   * them on this route only.
   */
  readonly bodyTypes?: readonly string[];
}

/** The complaints API (functions/handlers/complaints-api.ts). */
export const COMPLAINTS_API_ROUTES = [
  { method: 'GET', path: '/api/complaints', permission: 'complaints:read', iam: true, query: ['channel', 'status', 'language', 'category', 'from', 'to', 'limit', 'cursor', 'order'] },
  // A POST so a citizen's phone number never sits in a URL.
  { method: 'POST', path: '/api/complaints/search', permission: 'complaints:read' },
  { method: 'GET', path: '/api/complaints/overdue', permission: 'complaints:oversee', query: ['now', 'limit', 'cursor'] },
  { method: 'GET', path: '/api/complaints/{id}', permission: 'complaints:read', iam: true },
  { method: 'POST', path: '/api/complaints/{id}/replies', permission: 'complaints:reply' },
  { method: 'POST', path: '/api/complaints/{id}/replies/{replyId}/delivered-otherwise', permission: 'complaints:reply' },
  { method: 'POST', path: '/api/complaints/{id}/status', permission: 'complaints:update' },
  { method: 'POST', path: '/api/complaints/{id}/assignment', permission: 'complaints:update' },
  { method: 'POST', path: '/api/complaints/{id}/petition-type', permission: 'complaints:update' },
  { method: 'POST', path: '/api/complaints/{id}/deadline-extension', permission: 'complaints:update' },
] as const satisfies readonly StaffRoute[];

/** The knowledge search function (functions/handlers/knowledge-search.ts): kept small so it loads fast. */
export const KNOWLEDGE_SEARCH_ROUTES = [
  { method: 'GET', path: '/api/knowledge/search', permission: 'knowledge:read', query: ['q', 'limit', 'category'] },
] as const satisfies readonly StaffRoute[];

/** The rest of the knowledge API (functions/handlers/knowledge-api.ts): cases, import, gaps, feedback, drafts, quick responses. */
export const KNOWLEDGE_API_ROUTES = [
  { method: 'GET', path: '/api/knowledge/cases/{caseId}', permission: 'knowledge:read' },
  { method: 'GET', path: '/api/knowledge/cases/{caseId}/versions', permission: 'knowledge:read' },
  { method: 'PUT', path: '/api/knowledge/cases/{caseId}', permission: 'knowledge:edit' },
  { method: 'POST', path: '/api/knowledge/cases/{caseId}/retire', permission: 'knowledge:edit' },
  { method: 'POST', path: '/api/knowledge/cases/{caseId}/publish', permission: 'knowledge:edit' },
  { method: 'POST', path: '/api/knowledge/import', permission: 'knowledge:import', bodyTypes: ['application/x-ndjson', 'text/csv'] },
  { method: 'GET', path: '/api/knowledge/gaps', permission: 'knowledge:edit', query: ['limit'] },
  { method: 'POST', path: '/api/knowledge/feedback', permission: 'knowledge:feedback' },
  { method: 'POST', path: '/api/knowledge/drafts', permission: 'knowledge:edit' },
  { method: 'GET', path: '/api/quick-responses', permission: 'knowledge:read', query: ['q', 'language'] },
  { method: 'PUT', path: '/api/quick-responses/{id}', permission: 'quick-responses:edit' },
  // Writes nothing: fills a response's placeholders from a complaint the caller may read anyway.
  { method: 'POST', path: '/api/quick-responses/{id}/fill', permission: 'knowledge:read' },
] as const satisfies readonly StaffRoute[];

/** Self-service statistics (functions/handlers/self-service-stats.ts): per KST day, no personal data. */
export const SELF_SERVICE_STATS_ROUTES = [
  { method: 'GET', path: '/api/self-service/stats', permission: 'statistics:read', iam: true, query: ['from', 'to'] },
] as const satisfies readonly StaffRoute[];

/**
 * Every staff API handler with its routes: each handler checks every call against its own list,
 * the CDK stack creates exactly these methods behind the staff authorizer, and the local gateway
 * mounts the same list (tests compare all three).
 */
export const STAFF_APIS = {
  complaints: COMPLAINTS_API_ROUTES,
  /** Two functions serve it: search (KNOWLEDGE_SEARCH_ROUTES) and the rest (KNOWLEDGE_API_ROUTES). */
  knowledge: [...KNOWLEDGE_SEARCH_ROUTES, ...KNOWLEDGE_API_ROUTES],
  selfServiceStats: SELF_SERVICE_STATS_ROUTES,
} as const satisfies Record<string, readonly StaffRoute[]>;

export type StaffApiName = keyof typeof STAFF_APIS;

export function findStaffRoute(routes: readonly StaffRoute[], method: string, resource: string): StaffRoute | undefined {
  return routes.find((route) => route.method === method && route.path === resource);
}

/** Body media types beside JSON that some route accepts: the API must pass them on as bytes. */
export function binaryBodyTypes(routes: readonly StaffRoute[]): string[] {
  return [...new Set(routes.flatMap((route) => route.bodyTypes ?? []))].sort();
}
