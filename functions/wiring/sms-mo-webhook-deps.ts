import type { IntakeQueue } from '../core/ports/intake-queue.ts';
import type { Clock, Log } from '../core/ports/runtime.ts';

/** What the MO webhook handler needs; built by the AWS wiring and by the local gateway. */
export interface MoWebhookDeps {
  log: Log;
  clock: Clock;
  intake: IntakeQueue;
  /** The active signing secrets: the current one first, the previous one while a rotation lasts. */
  secrets(): Promise<readonly string[]>;
}
