import type { PushClaim, PushLease, PushOutcome, PushSendOptions, StoredPushSubscription, WebPushSubscription } from './model.ts';

/** Chat accounts' push subscriptions (docs/adr/0028-pwa-web-push.md). */
export interface PushSubscriptions {
  /** Creates or refreshes (same account and endpoint hash: one item). */
  put(subscription: StoredPushSubscription): Promise<void>;
  list(accountId: string): Promise<StoredPushSubscription[]>;
  remove(accountId: string, endpointHash: string): Promise<void>;
}

/**
 * The push outbox: one conditional item per (message, subscription). A message is sent to a
 * subscription only by the caller that claimed it, and never again once marked sent.
 */
export interface PushSendLeases {
  /** 'claimed': send it; 'sent': already accepted by the push service; 'busy': another caller holds an unexpired lease. */
  claim(lease: PushLease): Promise<PushClaim>;
  markSent(lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>, at: string): Promise<void>;
  /** Gives the lease back after a refusal, so a later retry may send. */
  release(lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>): Promise<void>;
}

/** Encrypts (RFC 8291) and POSTs one message to the subscription's push service with VAPID (RFC 8292). */
export interface WebPushGateway {
  send(subscription: WebPushSubscription, payload: string, options: PushSendOptions): Promise<PushOutcome>;
}
