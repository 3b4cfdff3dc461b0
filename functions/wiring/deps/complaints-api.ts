import type { ChangeStatusDeps } from '../../core/complaint-lifecycle.ts';
import type { QueryDeps } from '../../core/queries.ts';
import type { ReplyDeps } from '../../core/reply.ts';
import type { UnmaskDeps } from '../../core/unmask-citizen.ts';
import type { StaffApiDeps } from './staff-api.ts';

export interface ComplaintsApiDeps extends StaffApiDeps {
  query: QueryDeps;
  reply: ReplyDeps;
  status: ChangeStatusDeps;
  unmask: UnmaskDeps;
}
