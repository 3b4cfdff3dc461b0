import type { IntakeQueue } from './intake-queue.ts';

/** The next translation attempt of a reply held because no translation could be made. */
export interface ReplyRetryJob {
  complaintId: string;
  replyId: string;
  /** 1-based: the attempt this job makes. */
  attempt: number;
}

/** Queues a held reply's next translation attempt after a delay (SQS DelaySeconds in AWS). */
export interface ReplyRetries {
  schedule(job: ReplyRetryJob, delaySeconds: number): Promise<void>;
}

/** Reply retries as `reply` envelopes on a queue of the intake kind (the reply retry queue). */
export function replyRetriesOn(queue: IntakeQueue): ReplyRetries {
  return {
    schedule: (job, delaySeconds) => queue.send([{ kind: 'reply', ...job }], { delaySeconds }),
  };
}
