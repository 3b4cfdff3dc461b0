import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from '../../../schemas/zod-mini.ts';
import { readJsonSecret } from '../secrets/json-secret.ts';

/*
 * The X credentials secret (Secrets Manager, JSON). Reading the mention timeline works with an
 * app-only bearer token; posting replies needs user context: OAuth 1.0a keys of the city's
 * account, or an OAuth 2.0 user access token.
 *   {"bearerToken":"AAAA..."}                                                      read only
 *   {"appKey":"..","appSecret":"..","accessToken":"..","accessSecret":".."}         read + reply
 *   {"bearerToken":"..","userAccessToken":".."}                                     read + reply
 */
const nonEmpty = z.string().check(z.minLength(1));

export const XCredentialsSchema = z
  .object({
    bearerToken: z.optional(nonEmpty),
    userAccessToken: z.optional(nonEmpty),
    appKey: z.optional(nonEmpty),
    appSecret: z.optional(nonEmpty),
    accessToken: z.optional(nonEmpty),
    accessSecret: z.optional(nonEmpty),
  })
  .check(
    z.refine(
      (value) => {
        const oauth1 = [value.appKey, value.appSecret, value.accessToken, value.accessSecret];
        const someOauth1 = oauth1.some((part) => part !== undefined);
        const allOauth1 = oauth1.every((part) => part !== undefined);
        return (someOauth1 ? allOauth1 : true) && (allOauth1 || value.bearerToken !== undefined || value.userAccessToken !== undefined);
      },
      { message: 'needs bearerToken, userAccessToken, or all four of appKey/appSecret/accessToken/accessSecret' },
    ),
  );
export type XCredentials = z.infer<typeof XCredentialsSchema>;

const cache = new Map<string, Promise<XCredentials>>();

/** Loaded once per container; a failed read is not cached, so the next invocation retries. */
export function loadXCredentials(client: SecretsManagerClient, secretId: string): Promise<XCredentials> {
  const cached = cache.get(secretId);
  if (cached) return cached;
  const loading = readJsonSecret(client, secretId, XCredentialsSchema);
  cache.set(secretId, loading);
  loading.catch(() => cache.delete(secretId));
  return loading;
}
