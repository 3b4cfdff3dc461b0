import * as z from 'zod';
import { readJsonSecret } from '../../adapters/secrets/json-secret.ts';
import { readEnvironment } from './environment.ts';
import { secretsClient } from './runtime.ts';

const TwilioSecretSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid must be an AC… SID'),
  authToken: z.string().min(16, 'authToken looks too short'),
});
export type TwilioCredentials = z.infer<typeof TwilioSecretSchema>;

/** Re-read after a while so a rotated auth token is picked up without a redeploy. */
const CACHE_MS = 5 * 60 * 1000;
let cached: { at: number; value: Promise<TwilioCredentials> } | undefined;

export function twilioCredentials(): Promise<TwilioCredentials> {
  const now = Date.now();
  if (!cached || now - cached.at > CACHE_MS) {
    const { twilioSecretArn } = readEnvironment(['twilioSecretArn']);
    const value = readJsonSecret(secretsClient(), twilioSecretArn, TwilioSecretSchema);
    value.catch(() => (cached = undefined));
    cached = { at: now, value };
  }
  return cached.value;
}
