import middy from '@middy/core';
import { NoticeSweepInputSchema } from '../../schemas/notice-events.ts';
import type { NoticeDeps } from '../core/notices/deps.ts';
import { deliverDueNotices, planProgressNotices } from '../core/notices/sweep-notices.ts';
import { noticeSenderDeps } from '../wiring/aws/notices.ts';
import { lazy } from './shared/lazy.ts';

/**
 * Scheduled: `deliver` (every 15 minutes, on the quarter hour so 08:00 KST is a run) sends the
 * notices held over quiet hours and retries failed ones; `progress` (daily, 10:00 KST) plans the
 * 30-day progress notices. Each run redoes its work from the table, so a missed run is the next one's.
 */
export function createNoticeSweeperHandler(getDeps: () => Promise<NoticeDeps>) {
  return middy(async (event: unknown): Promise<Record<string, number>> => {
    const deps = await getDeps();
    const { job } = NoticeSweepInputSchema.parse(event);
    return job === 'deliver' ? deliverDueNotices(deps) : planProgressNotices(deps);
  });
}

export const handler = createNoticeSweeperHandler(lazy(noticeSenderDeps));
