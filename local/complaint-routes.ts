import { createComplaintsApiHandler } from '../functions/handlers/complaints-api.ts';
import type { LocalDeps } from '../functions/wiring/local.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { OutboxSmsSender } from './outbox-sms-sender.ts';
import type { Router } from './router.ts';

/** The complaints API Lambda's routes, and the local SMS outbox that stands in for the provider. */
export function mountComplaintRoutes(router: Router<LocalTarget>, parts: { deps: LocalDeps; outbox: OutboxSmsSender }): void {
  const api = lambdaTarget('complaints-api', createComplaintsApiHandler(async () => parts.deps.complaintsApi));
  router
    .add('GET', '/api/complaints', api)
    .add('GET', '/api/complaints/{id}', api)
    .add('POST', '/api/complaints/{id}/replies', api)
    .add('POST', '/api/complaints/{id}/status', api)
    .add('GET', '/api/outbox', { kind: 'native', handle: async (_q, response) => sendJson(response, 200, { items: parts.outbox.list() }) });
}
