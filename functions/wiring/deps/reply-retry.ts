import type { Log } from '../../core/ports/runtime.ts';
import type { ReplyDeps } from '../../core/reply.ts';

export interface ReplyRetryHandlerDeps {
  reply: ReplyDeps;
  log: Log;
}
