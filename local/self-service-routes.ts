import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FolderIndexObjectStore } from '../functions/adapters/knowledge/index-object-stores.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { SelfServiceStats } from '../functions/core/self-service/self-service-stats.ts';
import type { SelfService } from '../functions/core/self-service/self-service.ts';
import type { AccessRecorder } from '../functions/core/audit/deps.ts';
import { SELF_SERVICE_STATS_ROUTES } from '../functions/core/staff/staff-routes.ts';
import { createSelfServiceAnswersHandler, SELF_SERVICE_ROUTES } from '../functions/handlers/self-service-answers.ts';
import { createSelfServiceStatsHandler } from '../functions/handlers/self-service-stats.ts';
import { buildSelfService } from '../functions/wiring/self-service.ts';
import { buildSelfServiceStats } from '../functions/wiring/self-service-stats.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

/** The public answers function and the statistics function, as deployed, on this process's table and DATA_DIR. */
export interface LocalSelfService {
  answers: SelfService;
  /** Also the intake pipeline's: a contact from a visit counts it contacted. */
  stats: SelfServiceStats;
  log: Log;
}

export function createLocalSelfService(parts: { documents: DynamoDBDocumentClient; tableName: string; dataDir: string; pii: PiiProtector; clock: Clock; log: Log }): LocalSelfService {
  const { documents, tableName, clock, log } = parts;
  return {
    // The index is checked on every request, as the local knowledge search does: an edit shows at once.
    answers: buildSelfService({ documentClient: documents, tableName, objects: new FolderIndexObjectStore(parts.dataDir), clock, log, indexRefreshMs: 0, hashAddress: (a) => parts.pii.hash(a) }),
    stats: buildSelfServiceStats({ documentClient: documents, tableName, clock, log }),
    log,
  };
}

/** Public routes without a token (same origin locally), and the statistics route behind the staff authorizer. */
export function mountSelfServiceRoutes(router: Router<LocalTarget>, local: LocalSelfService, access: AccessRecorder): void {
  router.addRoutes(SELF_SERVICE_ROUTES, lambdaTarget('self-service-answers', createSelfServiceAnswersHandler(async () => ({ log: local.log, selfService: local.answers, allowedOrigin: null }))));
  const stats = lambdaTarget('self-service-stats', createSelfServiceStatsHandler(async () => ({ log: local.log, access, stats: local.stats })), { staff: {} });
  for (const route of SELF_SERVICE_STATS_ROUTES) router.add(route.method, route.path, stats);
}
