import { STAFF_APIS } from '../functions/core/staff/staff-routes.ts';
import { createComplaintsApiHandler } from '../functions/handlers/complaints-api.ts';
import type { LocalDeps } from '../functions/wiring/local.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { OutboxSmsSender } from './outbox-sms-sender.ts';
import type { Router } from './router.ts';

/** The complaints API Lambda's routes (behind the staff authorizer), and the local SMS outbox that stands in for the provider. */
export function mountComplaintRoutes(router: Router<LocalTarget>, parts: { deps: LocalDeps; outbox: OutboxSmsSender }): void {
  const api = lambdaTarget('complaints-api', createComplaintsApiHandler(async () => parts.deps.complaintsApi), { staff: {} });
  for (const route of STAFF_APIS.complaints) router.add(route.method, route.path, api);
  router.add('GET', '/api/outbox', {
    kind: 'native',
    staff: { permission: 'complaints:read' },
    handle: async (_q, response) => sendJson(response, 200, { items: parts.outbox.list() }),
  });
}
