import type { Agent } from 'node:https';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createChatConnectionRepository } from '../functions/adapters/dynamodb/chat-connection-repository.ts';
import { createPushSendLeases, createPushSubscriptionRepository } from '../functions/adapters/dynamodb/push-repository.ts';
import { EVENT_SOURCE } from '../functions/adapters/events/eventbridge-publisher.ts';
import { loadOrCreateLocalVapidKeys } from '../functions/adapters/push/vapid-keys.ts';
import { webPushGateway } from '../functions/adapters/push/web-push-gateway.ts';
import type { ChatAccountRepository } from '../functions/core/chat/ports.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { RequestPush } from '../functions/channels/chat/chat-push-reply-sender.ts';
import { CHAT_PUSH_ROUTES, createChatPushApiHandler } from '../functions/handlers/chat-push-api.ts';
import { createChatPushSenderHandler } from '../functions/handlers/chat-push-sender.ts';
import { lambdaContext } from './apigw-event.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface LocalPushParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  dataDir: string;
  accounts: ChatAccountRepository;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Tests: a local push service's origin to accept, and an agent trusting its certificate. */
  extraOrigins?: readonly string[];
  agent?: Agent;
}

export interface LocalPush {
  /**
   * For the chat reply sender (chatWithPushSend): the chat push sender Lambda's handler, called
   * in-process with the event EventBridge would deliver, before the reply is recorded (so a local
   * reply records push:<key> when a push service accepted it).
   */
  requestPush: RequestPush;
  apiHandler: ReturnType<typeof createChatPushApiHandler>;
  publicKey: string;
}

/** Web Push on the local gateway: VAPID keys generated into DATA_DIR at the first start, the same handler and sender as in AWS. */
export async function createLocalPush(parts: LocalPushParts): Promise<LocalPush> {
  const keys = await loadOrCreateLocalVapidKeys(parts.dataDir);
  const subscriptions = createPushSubscriptionRepository(parts.documents, parts.tableName);
  const { pii, clock, log } = parts;
  const extra = parts.extraOrigins ? { extraPushOrigins: parts.extraOrigins } : {};
  const sender = createChatPushSenderHandler(async () => ({
    subscriptions,
    leases: createPushSendLeases(parts.documents, parts.tableName),
    gateway: webPushGateway({ keys: async () => keys, ...(parts.agent ? { agent: parts.agent } : {}) }),
    waiting: createChatConnectionRepository(parts.documents, parts.tableName),
    pii,
    clock,
    log,
  }));
  return {
    publicKey: keys.publicKey,
    requestPush: async (request) => {
      const detail = { type: 'reply.push_requested', ...request, at: clock.now().toISOString() };
      const outcome = await sender({ source: EVENT_SOURCE, 'detail-type': detail.type, detail }, lambdaContext('chat-push-sender'));
      return outcome.status === 'pushed' ? outcome : null;
    },
    apiHandler: createChatPushApiHandler(async () => ({
      auth: { accounts: parts.accounts, clock },
      push: { subscriptions, pii, clock, log, ...extra },
      vapidPublicKey: async () => keys.publicKey,
      allowedOrigin: null,
    })),
  };
}

/** The chat push API Lambda's routes. */
export function mountPushRoutes(router: Router<LocalTarget>, push: LocalPush): void {
  router.addRoutes(CHAT_PUSH_ROUTES, lambdaTarget('chat-push-api', push.apiHandler));
}
