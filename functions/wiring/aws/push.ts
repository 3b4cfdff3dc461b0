import { createPushSendLeases, createPushSubscriptionRepository } from '../../adapters/dynamodb/push-repository.ts';
import { refreshingJsonSecret } from '../../adapters/secrets/json-secret.ts';
import { VapidKeysSchema, type VapidKeys } from '../../adapters/push/vapid-keys.ts';
import { webPushGateway } from '../../adapters/push/web-push-gateway.ts';
import type { PushReplyDeps } from '../../core/push/push-reply.ts';
import type { PushSubscriptions } from '../../core/push/ports.ts';
import { optionalChatEnv } from './chat-env.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { secretsClient } from './secrets-client.ts';

/** Re-read every 5 minutes, so keys an operator stores (or rotates) apply without a redeploy. */
const VAPID_REFRESH_MS = 5 * 60_000;

let readKeys: (() => Promise<VapidKeys>) | undefined;

/**
 * The stage's VAPID keys, or null while the secret holds none yet (CDK creates it without keys;
 * the operator stores them, docs/adr/0028-pwa-web-push.md) or the function was given no secret.
 */
export async function vapidKeys(): Promise<VapidKeys | null> {
  const secretArn = optionalChatEnv('vapidSecretArn');
  if (!secretArn) return null;
  readKeys ??= refreshingJsonSecret(() => ({ client: secretsClient(), secretId: secretArn }), VapidKeysSchema, VAPID_REFRESH_MS);
  return readKeys().catch((error: unknown) => {
    log.warn('Web Push is off: the VAPID secret holds no usable keys', { errorMessage: error instanceof Error ? error.message : 'unknown' });
    return null;
  });
}

export function pushSubscriptions(): PushSubscriptions {
  const { tableName } = readEnvironment(['tableName']);
  return createPushSubscriptionRepository(documentClient(), tableName);
}

/** Push for reply senders; null when the function has no VAPID secret (no push on this stage). */
export async function pushReplyDeps(): Promise<PushReplyDeps | null> {
  if (!optionalChatEnv('vapidSecretArn')) return null;
  const { tableName } = readEnvironment(['tableName']);
  return {
    subscriptions: pushSubscriptions(),
    leases: createPushSendLeases(documentClient(), tableName),
    gateway: webPushGateway({ keys: vapidKeys }),
    pii: await piiProtector(),
    clock,
    log,
  };
}
