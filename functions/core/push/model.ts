import type { LanguageCode } from '../model.ts';

/** What the browser's PushManager.subscribe() gives (PushSubscription.toJSON()). */
export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Epoch ms after which the push service drops the subscription; null/absent: no expiry. */
  expirationTime?: number | null;
}

/**
 * A stored subscription: the endpoint (a capability URL) and its keys are sealed, the key is a
 * keyed hash of the endpoint, so the table holds nothing that could reach the citizen in clear.
 */
export interface StoredPushSubscription {
  accountId: string;
  endpointHash: string;
  sealed: string;
  createdAt: string;
  /** From `expirationTime`; the subscription is dropped once past it. */
  expiresAt?: string;
}

/** The notification a service worker shows (web/chat/sw.js reads exactly these fields). */
export interface PushReplyMessage {
  type: 'reply';
  replyId: string;
  text: string;
  /** True when `text` was cut to fit the push payload; the whole reply waits in the chat. */
  truncated: boolean;
  language: LanguageCode;
  at: string;
}

/** What a push service answered (RFC 8030 §5: 201 Created accepts, 404/410 end the subscription). */
export type PushOutcome = { kind: 'accepted' } | { kind: 'gone'; status: number } | { kind: 'rejected'; status?: number; reason: string };

export interface PushSendOptions {
  /** RFC 8030 §5.4 Topic: a later message with the same topic replaces one not yet delivered. */
  topic: string;
  /** RFC 8030 §5.2 TTL in seconds: how long the push service keeps it for an offline browser. */
  ttlSeconds: number;
  /** RFC 8030 §5.3 Urgency. */
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/** Per push attempt of one message to one subscription (the push outbox's lease). */
export interface PushLease {
  accountId: string;
  /** The reply's idempotency key. */
  key: string;
  endpointHash: string;
  now: string;
  leaseUntil: string;
}

export type PushClaim = 'claimed' | 'sent' | 'busy';
