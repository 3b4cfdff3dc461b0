import type { ServerResponse } from 'node:http';
import { AuditSealError, InvalidAuditQueryError } from '../functions/core/audit/errors.ts';
import type { AccessRecorder, AuditTrailDeps } from '../functions/core/audit/deps.ts';
import { kstDay, kstDayStart } from '../functions/core/kst.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { STAFF_APIS } from '../functions/core/staff/staff-routes.ts';
import { createAuditApiHandler } from '../functions/handlers/audit-api.ts';
import { createAuditDigestHandler } from '../functions/handlers/audit-digest.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { lambdaContext } from './apigw-event.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

/** When the daily digest runs in AWS (EventBridge Scheduler, lib/constructs/audit-trail.ts): 00:30 KST. */
const SEAL_MINUTES_AFTER_MIDNIGHT = 30;

/** Milliseconds from `now` to the next 00:30 KST (a whole day when it is exactly 00:30). */
export function msUntilNextSeal(now: Date): number {
  const today = kstDayStart(kstDay(now)).getTime() + SEAL_MINUTES_AFTER_MIDNIGHT * 60_000;
  const next = today > now.getTime() ? today : today + 86_400_000;
  return next - now.getTime();
}

/**
 * The audit API Lambda's routes behind the staff authorizer (STAFF_APIS.audit), and the daily
 * digest job as Scheduler would run it: at 00:30 KST while the gateway runs, and on demand with
 * `POST /local/audit/digest[?day=YYYY-MM-DD]` (yesterday by default; a finished day only).
 * Digests go to DATA_DIR/audit. `access` is the gateway's one recorder (one writer per process).
 * Returns the timer's stop.
 */
export function mountAuditRoutes(router: Router<LocalTarget>, parts: { audit: AuditTrailDeps; access: AccessRecorder; clock: Clock; log: Log }): () => void {
  const { audit, access, log } = parts;
  const api = lambdaTarget('audit-api', createAuditApiHandler(async () => ({ log, audit, access })), { staff: {} });
  for (const route of STAFF_APIS.audit) router.add(route.method, route.path, api);

  const digest = createAuditDigestHandler(async () => ({ log, audit }));
  const seal = (day: string | undefined) => digest(day ? { source: 'local', day } : { source: 'local' }, lambdaContext('audit-digest'));
  router.add('POST', '/local/audit/digest', {
    kind: 'native',
    handle: async (request, response: ServerResponse) => {
      const day = new URL(request.url ?? '/', 'http://local').searchParams.get('day') ?? undefined;
      try {
        sendJson(response, 200, await seal(day));
      } catch (error) {
        if (error instanceof AuditSealError || error instanceof InvalidAuditQueryError) return sendJson(response, 400, { error: error.message });
        // Findings or a conflicting digest: the job fails (its alarm in AWS); the digest was written or kept.
        sendJson(response, 409, { error: error instanceof Error ? error.message : 'audit digest failed' });
      }
    },
  });

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      seal(undefined)
        .then((outcome) => log.info('audit day sealed (local timer)', { ...outcome }))
        .catch((error: unknown) => log.error('audit digest failed (local timer)', describeError(error)))
        .finally(schedule);
    }, msUntilNextSeal(parts.clock.now()));
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}
