import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { StoredPushSubscription, WebPushSubscription } from './model.ts';
import type { PushSubscriptions } from './ports.ts';
import { checkPushEndpoint, PushEndpointError } from './push-services.ts';

export interface PushSubscriptionDeps {
  subscriptions: PushSubscriptions;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Origins accepted besides the known push services (a local push service in tests). */
  extraPushOrigins?: readonly string[];
}

/** The item key of an endpoint: a keyed hash, so the key reveals nothing and cannot be guessed. */
export const endpointHash = (pii: PiiProtector, endpoint: string): string => pii.hash(`push-endpoint:${endpoint}`);

/**
 * Stores the account's subscription (idempotent: the same endpoint is one item). The endpoint
 * and keys are sealed; logs name the account and the push service host only.
 */
export async function subscribeToPush(deps: PushSubscriptionDeps, input: { accountId: string; subscription: WebPushSubscription }): Promise<{ endpointHash: string }> {
  const { subscription } = input;
  checkPushEndpoint(subscription.endpoint, deps.extraPushOrigins);
  const now = deps.clock.now();
  if (typeof subscription.expirationTime === 'number' && subscription.expirationTime <= now.getTime()) {
    throw new PushEndpointError('the subscription has already expired');
  }
  const hash = endpointHash(deps.pii, subscription.endpoint);
  const stored: StoredPushSubscription = {
    accountId: input.accountId,
    endpointHash: hash,
    sealed: deps.pii.seal(JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys })),
    createdAt: now.toISOString(),
    ...(typeof subscription.expirationTime === 'number' ? { expiresAt: new Date(subscription.expirationTime).toISOString() } : {}),
  };
  await deps.subscriptions.put(stored);
  deps.log.info('push subscription stored', { accountId: input.accountId, pushService: new URL(subscription.endpoint).hostname });
  return { endpointHash: hash };
}

/** Removes the account's subscription for that endpoint (unsubscribing twice is fine). */
export async function unsubscribeFromPush(deps: Pick<PushSubscriptionDeps, 'subscriptions' | 'pii' | 'log'>, input: { accountId: string; endpoint: string }): Promise<void> {
  await deps.subscriptions.remove(input.accountId, endpointHash(deps.pii, input.endpoint));
  deps.log.info('push subscription removed', { accountId: input.accountId });
}

/** Opens a stored subscription; null when it cannot be read (another key, damaged). */
export function openSubscription(pii: PiiProtector, stored: StoredPushSubscription): WebPushSubscription | null {
  try {
    const value: unknown = JSON.parse(pii.open(stored.sealed));
    if (typeof value !== 'object' || value === null) return null;
    const { endpoint, keys } = value as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
    if (typeof endpoint !== 'string' || typeof keys?.p256dh !== 'string' || typeof keys.auth !== 'string') return null;
    return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
  } catch {
    return null;
  }
}
