import { PUBLIC_STATUS_ROUTE } from '../functions/handlers/public-status.ts';
import { kstDay } from '../functions/core/kst.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { LocalNotices } from './notices.ts';
import type { Router } from './router.ts';

/**
 * The public status lookup (outside /api: no staff sign-in), `POST /local/notices/sweep` running
 * the sweeper's jobs now, and a timer playing the schedules' part: due notices every interval, the
 * progress job on the first tick of each KST day from 10:00. Returns the timer's stop.
 */
export function mountNoticeRoutes(router: Router<LocalTarget>, notices: LocalNotices, work: { intervalMs: number; clock: Clock; log: Log }): () => void {
  router.add(PUBLIC_STATUS_ROUTE.method, PUBLIC_STATUS_ROUTE.path, lambdaTarget('public-status', notices.publicStatus));
  router.add('POST', '/local/notices/sweep', { kind: 'native', handle: async (_request, response) => sendJson(response, 200, await notices.sweep()) });
  let progressDay = '';
  const timer = setInterval(() => {
    const now = work.clock.now();
    const day = kstDay(now);
    const progress = day !== progressDay && new Date(now.getTime() + 9 * 3_600_000).getUTCHours() >= 10;
    if (progress) progressDay = day;
    notices.sweep(progress ? ['deliver', 'progress'] : ['deliver']).catch((error: unknown) => work.log.error('notice sweep failed', describeError(error)));
  }, work.intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    notices.stop();
  };
}
