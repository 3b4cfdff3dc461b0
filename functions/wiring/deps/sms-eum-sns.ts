import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface EumSnsDeps {
  log: Log;
  clock: Clock;
  intake: IntakeQueue;
  /** The two-way SMS topic; anything else is refused. */
  expectedTopicArn: string;
}
