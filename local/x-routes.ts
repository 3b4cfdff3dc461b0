import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildXPoller, type XPoller } from '../functions/adapters/x/build-x-poller.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { LocalConfig } from './config.ts';
import { sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface LocalXChannel {
  poller: XPoller | null;
  stop(): void;
}

/**
 * The X mentions channel locally: the same poller the scheduled Lambda runs, pointed at
 * X_API_BASE_URL (any server speaking the X API v2 wire format), on a timer when
 * X_POLL_INTERVAL_SECONDS > 0 and on demand with POST /x/poll.
 */
export function mountXRoutes(
  router: Router<LocalTarget>,
  parts: { config: LocalConfig; db: DynamoDBDocumentClient; intake: IntakeQueue; clock: Clock; log: Log },
): LocalXChannel {
  const { config, log } = parts;
  const configured = Boolean(config.X_ACCOUNT_ID && config.X_BEARER_TOKEN);
  const poller = configured
    ? buildXPoller({
        db: parts.db,
        tableName: config.TABLE_NAME,
        intake: parts.intake,
        credentials: { bearerToken: config.X_BEARER_TOKEN as string },
        accountId: config.X_ACCOUNT_ID as string,
        ...(config.X_API_BASE_URL ? { apiBaseUrl: config.X_API_BASE_URL } : {}),
        monthlyReadBudget: config.X_MONTHLY_READ_BUDGET,
        metrics: {
          mentionsEnqueued: (count) => log.info('x mentions enqueued', { count }),
          rateLimited: (resetAt) => log.warn('x rate limited', { resetAt: resetAt.toISOString() }),
          readBudgetExhausted: (month, budget) => log.error('ALARM x monthly read budget exhausted', { month, budget }),
        },
        clock: parts.clock,
        log,
      })
    : null;

  router.add('POST', '/x/poll', {
    kind: 'native',
    handle: async (_request, response) => {
      if (!poller) return sendJson(response, 409, { error: 'X channel not configured: set X_ACCOUNT_ID and X_BEARER_TOKEN (and X_API_BASE_URL)' });
      sendJson(response, 200, await poller.pollOnce(`local-manual-${randomUUID()}`));
    },
  });

  let timer: NodeJS.Timeout | null = null;
  if (poller && config.X_POLL_INTERVAL_SECONDS > 0) {
    timer = setInterval(() => {
      poller.pollOnce(`local-timer-${randomUUID()}`).catch((error: unknown) =>
        log.error('x poll failed', { errorMessage: error instanceof Error ? error.message : String(error) }),
      );
    }, config.X_POLL_INTERVAL_SECONDS * 1000);
    timer.unref();
  }
  return { poller, stop: () => (timer ? clearInterval(timer) : undefined) };
}
