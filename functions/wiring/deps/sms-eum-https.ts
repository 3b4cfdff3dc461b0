import type { SnsMessageVerifier } from '../../channels/sms/sns-signature.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface EumHttpsDeps {
  log: Log;
  clock: Clock;
  intake: IntakeQueue;
  verifier: SnsMessageVerifier;
  /** GETs the SubscribeURL of a verified SubscriptionConfirmation. */
  confirmSubscription(subscribeUrl: string): Promise<void>;
}
