import type { ChangeStatusDeps } from '../../core/complaint-lifecycle.ts';
import type { ExtendDeadlineDeps } from '../../core/deadlines/extend-deadline.ts';
import type { OverdueDeps } from '../../core/deadlines/list-overdue.ts';
import type { QueryDeps } from '../../core/queries.ts';
import type { ReplyDeps } from '../../core/reply.ts';
import type { SearchDeps } from '../../core/search-complaints.ts';
import type { UnmaskDeps } from '../../core/unmask-citizen.ts';
import type { StaffApiDeps } from './staff-api.ts';

export interface ComplaintsApiDeps extends StaffApiDeps {
  query: QueryDeps;
  reply: ReplyDeps;
  status: ChangeStatusDeps;
  unmask: UnmaskDeps;
  search: SearchDeps;
  /** Petition types and extensions: the stage's working calendar, and the event that tells the citizen. */
  deadlines: ExtendDeadlineDeps;
  overdue: OverdueDeps;
}
