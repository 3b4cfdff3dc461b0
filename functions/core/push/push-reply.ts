import type { LanguageCode } from '../model.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { PushOutcome, PushReplyMessage, PushSendOptions } from './model.ts';
import type { PushSendLeases, PushSubscriptions, WebPushGateway } from './ports.ts';
import { openSubscription } from './subscriptions.ts';

export interface PushReplyDeps {
  subscriptions: PushSubscriptions;
  leases: PushSendLeases;
  gateway: WebPushGateway;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
}

/** As the reply send lease (REPLY_SEND_LEASE_MS): a push that has not finished by then is tried again. */
export const PUSH_SEND_LEASE_MS = 120_000;
/** The push service keeps an answer four weeks for a browser that is offline (RFC 8030 §5.2). */
export const PUSH_TTL_SECONDS = 28 * 24 * 3600;
/**
 * A push service need not accept more than 4096 octets of payload body (RFC 8291 §4); aes128gcm
 * adds an 86-octet header, a 16-octet tag and a delimiter, leaving 3993 for the JSON.
 */
export const MAX_PUSH_PLAINTEXT_BYTES = 3993;

export interface PushReplyInput {
  accountId: string;
  /** The reply's idempotency key: one push per key and subscription. */
  key: string;
  replyId: string;
  text: string;
  language: LanguageCode;
}

export interface PushReplyResult {
  /** Subscriptions whose push service accepted the message (now or in an earlier attempt). */
  accepted: number;
  /** Subscriptions the push service no longer knows (404/410): removed. */
  gone: number;
  /** Subscriptions whose push service refused or could not be reached. */
  rejected: number;
}

const encoder = new TextEncoder();

/** The notification payload, the text cut (never mid-character) so the JSON fits a push message. */
export function replyPayload(message: Omit<PushReplyMessage, 'truncated' | 'type'>): string {
  const full: PushReplyMessage = { type: 'reply', ...message, truncated: false };
  let json = JSON.stringify(full);
  if (encoder.encode(json).length <= MAX_PUSH_PLAINTEXT_BYTES) return json;
  const chars = Array.from(message.text);
  let low = 0;
  let high = chars.length;
  // The longest prefix (in characters) whose JSON fits.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = JSON.stringify({ ...full, text: `${chars.slice(0, mid).join('')}…`, truncated: true });
    if (encoder.encode(candidate).length <= MAX_PUSH_PLAINTEXT_BYTES) low = mid;
    else high = mid - 1;
  }
  json = JSON.stringify({ ...full, text: `${chars.slice(0, low).join('')}…`, truncated: true });
  return json;
}

/**
 * Sends a counselor's answer to every push subscription of the chat account, each at most once:
 * the per-subscription lease (the push outbox) is claimed before sending and marked sent after
 * the push service's 201, so a retry of the reply skips subscriptions already served, and two
 * concurrent callers never both send. A crash between the 201 and the mark leaves the lease to
 * expire and the message to be sent again with the same Topic, which replaces an undelivered copy
 * at the push service, and the same notification tag, which replaces a shown one on the device.
 * A 404/410 removes the subscription; any other refusal releases the lease.
 */
export async function pushReplyToAccount(deps: PushReplyDeps, input: PushReplyInput): Promise<PushReplyResult> {
  const result: PushReplyResult = { accepted: 0, gone: 0, rejected: 0 };
  const subscriptions = await deps.subscriptions.list(input.accountId);
  if (subscriptions.length === 0) return result;
  const now = deps.clock.now();
  const payload = replyPayload({ replyId: input.replyId, text: input.text, language: input.language, at: now.toISOString() });
  // Topic tokens are at most 32 base64url characters (RFC 8030 §5.4); the keyed hash reveals nothing.
  const options: PushSendOptions = { topic: deps.pii.hash(`push-topic:${input.key}`).slice(0, 32), ttlSeconds: PUSH_TTL_SECONDS, urgency: 'high' };
  const logContext = { accountId: input.accountId, replyId: input.replyId };

  for (const stored of subscriptions) {
    const ref = { accountId: input.accountId, key: input.key, endpointHash: stored.endpointHash };
    if (stored.expiresAt !== undefined && stored.expiresAt <= now.toISOString()) {
      await deps.subscriptions.remove(input.accountId, stored.endpointHash);
      result.gone += 1;
      continue;
    }
    const subscription = openSubscription(deps.pii, stored);
    if (!subscription) {
      deps.log.warn('push subscription unreadable; skipped', logContext);
      result.rejected += 1;
      continue;
    }
    const claim = await deps.leases.claim({ ...ref, now: now.toISOString(), leaseUntil: new Date(now.getTime() + PUSH_SEND_LEASE_MS).toISOString() });
    if (claim !== 'claimed') {
      // Sent by an earlier attempt, or being sent right now by another caller.
      result.accepted += 1;
      continue;
    }
    const outcome: PushOutcome = await deps.gateway.send(subscription, payload, options).catch((error: unknown) => ({
      kind: 'rejected',
      reason: error instanceof Error ? error.name : 'unknown error',
    }));
    const pushService = new URL(subscription.endpoint).hostname;
    if (outcome.kind === 'accepted') {
      await deps.leases.markSent(ref, deps.clock.now().toISOString());
      result.accepted += 1;
    } else if (outcome.kind === 'gone') {
      await deps.subscriptions.remove(input.accountId, stored.endpointHash);
      await deps.leases.release(ref);
      deps.log.info('push subscription gone; removed', { ...logContext, pushService, status: outcome.status });
      result.gone += 1;
    } else {
      await deps.leases.release(ref);
      deps.log.warn('push service refused the message', { ...logContext, pushService, status: outcome.status, reason: outcome.reason });
      result.rejected += 1;
    }
  }
  deps.log.info('reply pushed', { ...logContext, ...result });
  return result;
}
