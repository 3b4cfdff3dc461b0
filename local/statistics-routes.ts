import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InProcessPublisher } from '../functions/adapters/events/in-process-publisher.ts';
import { createStatisticsSources } from '../functions/adapters/dynamodb/statistics-sources.ts';
import { DynamoStatisticsStore } from '../functions/adapters/dynamodb/statistics-store.ts';
import { DynamoCitizenPreferences } from '../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { DynamoComplaintRepository } from '../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoSatisfactionStore, DynamoSurveyPreferences } from '../functions/adapters/dynamodb/satisfaction-store.ts';
import type { AccessRecorder } from '../functions/core/audit/deps.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { ReplyDeps } from '../functions/core/reply.ts';
import { surveySenders } from '../functions/core/satisfaction/survey-senders.ts';
import { createSatisfactionSurveyHandler } from '../functions/handlers/satisfaction-survey.ts';
import { STAFF_APIS } from '../functions/core/staff/staff-routes.ts';
import { createStatisticsApiHandler } from '../functions/handlers/statistics-api.ts';
import { createStatisticsReconcileHandler } from '../functions/handlers/statistics-reconcile.ts';
import { createStatisticsRollupHandler } from '../functions/handlers/statistics-rollup.ts';
import { lambdaContext } from './apigw-event.ts';
import { localEventTarget, type LocalEventTarget } from './event-targets.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface StatisticsRouteParts {
  db: DynamoDBDocumentClient;
  tableName: string;
  events: InProcessPublisher;
  clock: Clock;
  log: Log;
  /** Where the API's calls are recorded, as in AWS. */
  access: AccessRecorder;
  /** The reply use case's senders and keys: the satisfaction question leaves the same way. */
  reply: Pick<ReplyDeps, 'smsSender' | 'senders' | 'pii' | 'events'>;
}

/**
 * Statistics locally: the API Lambda behind the staff authorizer (Connect's queue metrics shown
 * as not available), the rollup and satisfaction-survey Lambdas fed by the in-process event port
 * as their EventBridge rules feed them in AWS, and the daily reconciliation on demand
 * (POST /local/statistics/reconcile?day=).
 */
export function mountStatisticsRoutes(router: Router<LocalTarget>, parts: StatisticsRouteParts): LocalEventTarget {
  const store = new DynamoStatisticsStore(parts.db, parts.tableName);
  const sources = createStatisticsSources(parts.db, parts.tableName);
  const { clock, log } = parts;
  const api = lambdaTarget('statistics-api', createStatisticsApiHandler(async () => ({ log, clock, access: parts.access, rollups: { store, voice: null } })), { staff: {} });
  for (const route of STAFF_APIS.statistics) router.add(route.method, route.path, api);

  const reconcile = createStatisticsReconcileHandler(async () => ({ store, sources, clock, log }));
  router.add('POST', '/local/statistics/reconcile', {
    kind: 'native',
    staff: { permission: 'operations:manage' },
    handle: async (request: IncomingMessage, response: ServerResponse) => {
      const day = new URL(request.url ?? '/', 'http://local').searchParams.get('day');
      if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        sendJson(response, 400, { error: 'day must be YYYY-MM-DD (KST)' });
        return;
      }
      sendJson(response, 200, await reconcile(day === null ? {} : { day }, lambdaContext('statistics-reconcile')));
    },
  });

  const rollups = localEventTarget('statistics-rollup', parts.events, createStatisticsRollupHandler(async () => ({ store, sources, clock, log })), { log });
  const surveyDeps = {
    complaints: new DynamoComplaintRepository(parts.db, parts.tableName),
    surveys: new DynamoSatisfactionStore(parts.db, parts.tableName),
    surveyPreferences: new DynamoSurveyPreferences(parts.db, parts.tableName),
    smsPreferences: new DynamoCitizenPreferences(parts.db, parts.tableName),
    senders: surveySenders(parts.reply),
    pii: parts.reply.pii,
    clock,
    log,
    events: parts.reply.events,
  };
  const surveys = localEventTarget('satisfaction-survey', parts.events, createSatisfactionSurveyHandler(async () => surveyDeps), {
    log,
    matches: (event) => event.type === 'complaint.status_changed' && event.to === 'closed',
  });
  return {
    idle: async () => {
      await surveys.idle();
      await rollups.idle();
    },
    stop: async () => {
      await Promise.all([surveys.stop(), rollups.stop()]);
    },
  };
}
