import type { Log } from '../../core/ports/runtime.ts';
import type { PollResult } from '../../core/x/poll-mentions.ts';

export interface XMentionPollerDeps {
  log: Log;
  poll(owner: string): Promise<PollResult>;
}
