import type { InProcessPublisher } from '../functions/adapters/events/in-process-publisher.ts';
import { EVENT_SOURCE } from '../functions/adapters/events/eventbridge-publisher.ts';
import type { DomainEvent } from '../functions/core/ports/events.ts';
import type { Log } from '../functions/core/ports/runtime.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaContext } from './apigw-event.ts';

/** Retries of a failed delivery (Lambda's asynchronous invocation retries twice), scaled down. */
const RETRY_DELAYS_MS = [1_000, 2_000];

export interface LocalEventTarget {
  /** Resolves once every event published so far has been handled (tests, the bench). */
  idle(): Promise<void>;
  /** Takes no more events, skips those not started, and resolves once the one under way is done (the store may close then). */
  stop(): Promise<void>;
}

/**
 * Plays an EventBridge rule with a Lambda target: each event the in-process publisher sees that
 * `matches` is handed to the handler in the envelope EventBridge would deliver, one at a time
 * (as a rule with reserved concurrency 1 would), retried twice, then logged and dropped (the
 * daily reconciliation repairs what statistics missed).
 */
export function localEventTarget(
  name: string,
  events: InProcessPublisher,
  handler: (event: never, context: never) => Promise<unknown>,
  options: { log: Log; matches?: (event: DomainEvent) => boolean },
): LocalEventTarget {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const deliver = async (event: DomainEvent): Promise<void> => {
    const envelope = { version: '0', id: `local-${Date.now()}`, source: EVENT_SOURCE, 'detail-type': event.type, time: new Date().toISOString(), region: 'local', resources: [], detail: event };
    for (let attempt = 0; ; attempt += 1) {
      if (stopped) return;
      try {
        await (handler as (e: unknown, c: unknown) => Promise<unknown>)(envelope, lambdaContext(name));
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || stopped) {
          options.log.error(`${name}: event dropped after retries`, { eventType: event.type, ...describeError(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  };
  const unsubscribe = events.subscribe((event) => {
    if (stopped || (options.matches && !options.matches(event))) return;
    chain = chain.then(() => deliver(event));
  });
  return {
    idle: async () => {
      // Handling an event may publish more (a survey asked): wait until the chain stops growing.
      for (let seen = chain; ; seen = chain) {
        await seen;
        if (seen === chain) return;
      }
    },
    stop: async () => {
      stopped = true;
      unsubscribe();
      await chain;
    },
  };
}
