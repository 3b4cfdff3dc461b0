import type { ComplaintsApiDeps } from '../deps/complaints-api.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { clock, log } from './log-and-clock.ts';
import { awsReplyDeps } from './reply-deps.ts';

export async function complaintsApiDeps(): Promise<ComplaintsApiDeps> {
  const reply = await awsReplyDeps();
  const { repository, pii } = reply;
  return {
    log,
    access: lambdaAccessRecorder(),
    query: { repository },
    unmask: { repository, pii },
    reply,
    status: { repository, clock },
  };
}
