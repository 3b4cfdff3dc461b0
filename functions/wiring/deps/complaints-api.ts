import type { ChangeStatusDeps } from '../../core/complaint-lifecycle.ts';
import type { QueryDeps } from '../../core/queries.ts';
import type { ReplyDeps } from '../../core/reply.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface ComplaintsApiDeps {
  log: Log;
  query: QueryDeps;
  reply: ReplyDeps;
  status: ChangeStatusDeps;
}
