import type { ChangeStatusDeps } from '../../core/complaint-lifecycle.ts';
import type { ExtendDeadlineDeps } from '../../core/deadlines/extend-deadline.ts';
import type { OverdueDeps } from '../../core/deadlines/list-overdue.ts';
import type { QueryDeps } from '../../core/queries.ts';
import type { ReplyDeps } from '../../core/reply.ts';
import type { SearchDeps } from '../../core/search-complaints.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface ComplaintsApiDeps {
  log: Log;
  query: QueryDeps;
  reply: ReplyDeps;
  status: ChangeStatusDeps;
  search: SearchDeps;
  /** Petition types and extensions: the stage's working calendar, and the event that tells the citizen. */
  deadlines: ExtendDeadlineDeps;
  overdue: OverdueDeps;
  /** Browser origins answered with CORS headers: the workspace app's, in AWS (none locally: same origin). */
  corsOrigins?: readonly string[];
}
