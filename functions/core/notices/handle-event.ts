import type { DomainEvent } from '../ports/events.ts';
import type { Notice } from './model.ts';
import { noticesForEvent } from './plan-notices.ts';
import { answerStatusRequest, type StatusRequestDeps } from './status-request.ts';

/** The notice function's use case: one domain event (at least once) in, the notices it owes out (each exactly once). */
export async function handleNoticeEvent(deps: StatusRequestDeps, event: DomainEvent): Promise<Notice[]> {
  if (event.type === 'sms.status_requested') {
    const answer = await answerStatusRequest(deps, event);
    return answer ? [answer] : [];
  }
  return noticesForEvent(deps, event);
}
