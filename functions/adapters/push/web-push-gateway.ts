import type { Agent } from 'node:https';
import type { PushOutcome, PushSendOptions, WebPushSubscription } from '../../core/push/model.ts';
import type { WebPushGateway } from '../../core/push/ports.ts';
import type { VapidKeys } from './vapid-keys.ts';

export interface WebPushGatewayOptions {
  /** Read per send, so rotated keys (Secrets Manager) apply; null: push not configured. */
  keys: () => Promise<VapidKeys | null>;
  /** Socket timeout of one POST. */
  timeoutMs?: number;
  /** Tests trust their local push service's certificate through it. */
  agent?: Agent;
}

/**
 * Web Push through the `web-push` package: the payload encrypted with aes128gcm (RFC 8291), a
 * VAPID JWT signed with the server's key in `Authorization: vapid t=…, k=…` (RFC 8292), and the
 * TTL, Urgency and Topic headers (RFC 8030 §5.2-5.4). 201 is accepted; 404 and 410 mean the
 * subscription is gone (RFC 8030 §7.3); anything else is a refusal the caller falls back from.
 */
export function webPushGateway(options: WebPushGatewayOptions): WebPushGateway {
  return {
    async send(subscription: WebPushSubscription, payload: string, sendOptions: PushSendOptions): Promise<PushOutcome> {
      const keys = await options.keys();
      if (!keys) return { kind: 'rejected', reason: 'push not configured (no VAPID keys)' };
      // Loaded on the first push (~116 KB with its ASN.1 and big-number code). Only the chat push
      // sender bundles it: deferring is not enough to keep it out of a function's load (ADR 0028).
      const { default: webpush, WebPushError } = await import('web-push');
      try {
        await webpush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
          vapidDetails: keys,
          contentEncoding: 'aes128gcm',
          TTL: sendOptions.ttlSeconds,
          urgency: sendOptions.urgency,
          topic: sendOptions.topic,
          timeout: options.timeoutMs ?? 10_000,
          ...(options.agent ? { agent: options.agent } : {}),
        });
        return { kind: 'accepted' };
      } catch (error) {
        if (error instanceof WebPushError) {
          if (error.statusCode === 404 || error.statusCode === 410) return { kind: 'gone', status: error.statusCode };
          return { kind: 'rejected', status: error.statusCode, reason: `push service answered ${error.statusCode}` };
        }
        // Network failures and invalid keys: the message is kept from the log (it may quote the endpoint).
        return { kind: 'rejected', reason: error instanceof Error ? error.name : 'send failed' };
      }
    },
  };
}
