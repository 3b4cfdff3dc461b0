import * as z from '../../../schemas/zod-mini.ts';
import { refreshingJsonSecret } from '../../adapters/secrets/json-secret.ts';
import type { MoWebhookDeps } from '../sms-mo-webhook-deps.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { secretsClient } from './secrets-client.ts';
import { intakeQueue } from './sqs-intake.ts';

/** `previous` is set only while a key rotation lasts (docs/channels/sms.md, "Rotating the key"). */
export const MoWebhookSecretSchema = z.object({
  current: z.string().check(z.minLength(32, 'current must be at least 32 characters')),
  previous: z.optional(z.string().check(z.minLength(32, 'previous must be at least 32 characters'))),
});

/** Re-read after a while, so a rotation written to the secret applies without a redeploy. */
const CACHE_MS = 5 * 60 * 1000;
const moWebhookSecret = refreshingJsonSecret(
  () => ({ client: secretsClient(), secretId: readEnvironment(['moWebhookSecretArn']).moWebhookSecretArn }),
  MoWebhookSecretSchema,
  CACHE_MS,
);

export async function moWebhookDeps(): Promise<MoWebhookDeps> {
  return {
    log,
    clock,
    intake: intakeQueue(),
    secrets: async () => {
      const { current, previous } = await moWebhookSecret();
      return previous ? [current, previous] : [current];
    },
  };
}
