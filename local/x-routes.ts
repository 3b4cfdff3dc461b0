import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildXChannelSend } from '../functions/adapters/x/build-x-channel-send.ts';
import { buildXDeletionSweep, type XDeletionSweep } from '../functions/adapters/x/build-x-deletion-sweep.ts';
import { buildXPoller, type XPoller } from '../functions/adapters/x/build-x-poller.ts';
import type { XCredentials } from '../functions/adapters/x/x-credentials.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { ChannelSend } from '../functions/core/reply.ts';
import type { LocalConfig } from './config.ts';
import { sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface LocalXChannel {
  poller: XPoller | null;
  sweep: XDeletionSweep | null;
  stop(): void;
}

/** The OAuth 1.0a keys of the city account from the local environment, when all four are set. */
function localOauth1(config: LocalConfig): XCredentials | null {
  const { X_APP_KEY: appKey, X_APP_SECRET: appSecret, X_ACCESS_TOKEN: accessToken, X_ACCESS_SECRET: accessSecret } = config;
  return appKey && appSecret && accessToken && accessSecret ? { appKey, appSecret, accessToken, accessSecret } : null;
}

/**
 * The reply use case's X sender for a local run: the same one the complaints API Lambda
 * builds, posting to X_API_BASE_URL with the city account's OAuth 1.0a keys (X refuses posts
 * made with the app bearer token). Null when they are not configured: X replies are then
 * recorded `undeliverable`.
 */
export function localXReplySender(config: LocalConfig, complaints: Pick<ComplaintRepository, 'getComplaintDetail'>, log: Log): ChannelSend | null {
  const credentials = localOauth1(config);
  if (!credentials) return null;
  return buildXChannelSend({
    credentials,
    ...(config.X_API_BASE_URL ? { apiBaseUrl: config.X_API_BASE_URL } : {}),
    complaints,
    privateChannels: { sms: config.X_REPLY_PRIVATE_SMS, ...(config.X_REPLY_PRIVATE_CHAT_URL ? { chatUrl: config.X_REPLY_PRIVATE_CHAT_URL } : {}) },
    log,
  });
}

/**
 * The X mentions channel locally: the same poller the scheduled Lambda runs, pointed at
 * X_API_BASE_URL (any server speaking the X API v2 wire format), on a timer when
 * X_POLL_INTERVAL_SECONDS > 0 and on demand with POST /x/poll. POST /x/redaction-sweep runs
 * the deletion-compliance sweep the daily schedule runs in AWS.
 */
export function mountXRoutes(
  router: Router<LocalTarget>,
  parts: { config: LocalConfig; db: DynamoDBDocumentClient; intake: IntakeQueue; clock: Clock; log: Log },
): LocalXChannel {
  const { config, log } = parts;
  const configured = Boolean(config.X_ACCOUNT_ID && config.X_BEARER_TOKEN);
  const metrics = {
    mentionsEnqueued: (count: number) => log.info('x mentions enqueued', { count }),
    rateLimited: (resetAt: Date) => log.warn('x rate limited', { resetAt: resetAt.toISOString() }),
    readBudgetExhausted: (month: string, budget: number) => log.error('ALARM x monthly read budget exhausted', { month, budget }),
    usageCapped: (until: Date) => log.error('ALARM x usage cap reached (UsageCapExceeded)', { until: until.toISOString() }),
  };
  const poller = configured
    ? buildXPoller({
        db: parts.db,
        tableName: config.TABLE_NAME,
        intake: parts.intake,
        credentials: { bearerToken: config.X_BEARER_TOKEN as string, ...localOauth1(config) },
        accountId: config.X_ACCOUNT_ID as string,
        ...(config.X_API_BASE_URL ? { apiBaseUrl: config.X_API_BASE_URL } : {}),
        monthlyReadBudget: config.X_MONTHLY_READ_BUDGET,
        metrics,
        clock: parts.clock,
        log,
      })
    : null;
  const sweep = configured
    ? buildXDeletionSweep({
        db: parts.db,
        tableName: config.TABLE_NAME,
        credentials: { bearerToken: config.X_BEARER_TOKEN as string },
        accountId: config.X_ACCOUNT_ID as string,
        ...(config.X_API_BASE_URL ? { apiBaseUrl: config.X_API_BASE_URL } : {}),
        monthlyReadBudget: config.X_SWEEP_MONTHLY_READ_BUDGET,
        windowDays: config.X_REDACTION_WINDOW_DAYS,
        metrics,
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

  router.add('POST', '/x/redaction-sweep', {
    kind: 'native',
    handle: async (_request, response) => {
      if (!sweep) return sendJson(response, 409, { error: 'X channel not configured: set X_ACCOUNT_ID and X_BEARER_TOKEN (and X_API_BASE_URL)' });
      sendJson(response, 200, await sweep.sweepOnce());
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
  return { poller, sweep, stop: () => (timer ? clearInterval(timer) : undefined) };
}
