import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { createMoWebhookHandler } from '../functions/handlers/sms-mo-webhook.ts';
import { MO_WEBHOOK_PATH } from '../schemas/sms-mo-webhook.ts';
import type { LocalConfig } from './config.ts';
import type { LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

/**
 * The MO webhook locally: the Lambda handler on the local queue, its signing keys from the
 * local config (MO_WEBHOOK_SECRET, MO_WEBHOOK_PREVIOUS_SECRET) instead of Secrets Manager.
 */
export function mountMoWebhookRoutes(
  router: Router<LocalTarget>,
  parts: { config: Pick<LocalConfig, 'MO_WEBHOOK_SECRET' | 'MO_WEBHOOK_PREVIOUS_SECRET'>; intake: IntakeQueue; clock: Clock; log: Log },
): void {
  const { config, intake, clock, log } = parts;
  const secrets = [config.MO_WEBHOOK_SECRET, ...(config.MO_WEBHOOK_PREVIOUS_SECRET ? [config.MO_WEBHOOK_PREVIOUS_SECRET] : [])];
  const handler = createMoWebhookHandler(async () => ({ log, clock, intake, secrets: async () => secrets }));
  router.add('POST', MO_WEBHOOK_PATH, { kind: 'lambda', functionName: 'sms-mo-webhook', handler });
}
