import type { PushReplyDeps } from '../../functions/core/push/push-reply.ts';
import { CapturingLog, ManualClock, testPiiProtector } from './in-memory-ports.ts';
import type { PushClaim, PushLease, PushOutcome, PushSendOptions, StoredPushSubscription, WebPushSubscription } from '../../functions/core/push/model.ts';
import type { PushSendLeases, PushSubscriptions, WebPushGateway } from '../../functions/core/push/ports.ts';

export class InMemoryPushSubscriptions implements PushSubscriptions {
  readonly items = new Map<string, StoredPushSubscription>();

  async put(subscription: StoredPushSubscription): Promise<void> {
    this.items.set(`${subscription.accountId}|${subscription.endpointHash}`, subscription);
  }

  async list(accountId: string): Promise<StoredPushSubscription[]> {
    return [...this.items.values()].filter((item) => item.accountId === accountId);
  }

  async remove(accountId: string, endpointHash: string): Promise<void> {
    this.items.delete(`${accountId}|${endpointHash}`);
  }
}

/** The DynamoDB adapter's conditions, in memory: claim when absent, or sending with an expired lease. */
export class InMemoryPushLeases implements PushSendLeases {
  readonly items = new Map<string, { state: 'sending' | 'sent'; leaseUntil: string }>();
  readonly #id = (lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>) => `${lease.accountId}|${lease.key}|${lease.endpointHash}`;

  async claim(lease: PushLease): Promise<PushClaim> {
    const current = this.items.get(this.#id(lease));
    if (current?.state === 'sent') return 'sent';
    if (current && current.leaseUntil > lease.now) return 'busy';
    this.items.set(this.#id(lease), { state: 'sending', leaseUntil: lease.leaseUntil });
    return 'claimed';
  }

  async markSent(lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>): Promise<void> {
    this.items.set(this.#id(lease), { state: 'sent', leaseUntil: '' });
  }

  async release(lease: Pick<PushLease, 'accountId' | 'key' | 'endpointHash'>): Promise<void> {
    this.items.delete(this.#id(lease));
  }
}

/** Records what would be pushed; answers each endpoint with the outcome scripted for it (accepted by default). */
export class RecordingPushGateway implements WebPushGateway {
  readonly sent: Array<{ endpoint: string; payload: string; options: PushSendOptions }> = [];
  readonly outcomes = new Map<string, PushOutcome | Error>();

  async send(subscription: WebPushSubscription, payload: string, options: PushSendOptions): Promise<PushOutcome> {
    const scripted = this.outcomes.get(subscription.endpoint);
    if (scripted instanceof Error) throw scripted;
    this.sent.push({ endpoint: subscription.endpoint, payload, options });
    return scripted ?? { kind: 'accepted' };
  }
}

/** The push reply use case's deps, all in memory, for unit tests. */
export function inMemoryPushReplyDeps() {
  return {
    subscriptions: new InMemoryPushSubscriptions(),
    leases: new InMemoryPushLeases(),
    gateway: new RecordingPushGateway(),
    pii: testPiiProtector(),
    clock: new ManualClock(),
    log: new CapturingLog(),
  } satisfies PushReplyDeps;
}
