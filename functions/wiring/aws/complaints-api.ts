import type { ComplaintsApiDeps } from '../deps/complaints-api.ts';
import { complaintRepository } from './complaints.ts';
import { clock, log } from './log-and-clock.ts';
import { eventPublisher } from './pipeline-parts.ts';
import { awsReplyDeps } from './reply-deps.ts';

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const repository = complaintRepository();
  return {
    log,
    query: { repository },
    reply: await awsReplyDeps(repository),
    status: { repository, clock, events: eventPublisher() },
  };
}
