import * as z from '../../../schemas/zod-mini.ts';
import { refreshingJsonSecret } from '../../adapters/secrets/json-secret.ts';
import { readEnvironment } from './environment.ts';
import { secretsClient } from './secrets-client.ts';

const TwilioSecretSchema = z.object({
  // Not checked for the AC… shape: an unfilled placeholder must still fail closed with 403 (signature).
  accountSid: z.string().check(z.minLength(1)),
  authToken: z.string().check(z.minLength(16, 'authToken looks too short')),
});
export type TwilioCredentials = z.infer<typeof TwilioSecretSchema>;

/** Re-read after a while so a rotated auth token is picked up without a redeploy. */
const CACHE_MS = 5 * 60 * 1000;

export const twilioCredentials: () => Promise<TwilioCredentials> = refreshingJsonSecret(
  () => ({ client: secretsClient(), secretId: readEnvironment(['twilioSecretArn']).twilioSecretArn }),
  TwilioSecretSchema,
  CACHE_MS,
);
