import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from '../../../schemas/zod-mini.ts';
import { readJsonSecret } from '../secrets/json-secret.ts';

/*
 * The X credentials secret (Secrets Manager, JSON). Reading the mention timeline works with an
 * app-only bearer token; posting replies (and Owned Reads of the city's mentions) needs the
 * OAuth 1.0a keys of the city's account, the app owner (docs/adr: X reply credential).
 *   {"bearerToken":"AAAA..."}                                                      read only
 *   {"bearerToken":"..","appKey":"..","appSecret":"..","accessToken":"..","accessSecret":".."}  read + reply
 * An OAuth 2.0 user access token (`userAccessToken`) is refused: X lets it live two hours, and
 * without the refresh-token flow replies would fail two hours after every secret update.
 */
const nonEmpty = z.string().check(z.minLength(1));

export const X_USER_TOKEN_REFUSED =
  'OAuth 2.0 user access tokens expire after 2 hours and are not refreshed here: store the OAuth 1.0a keys of the city account (appKey, appSecret, accessToken, accessSecret) instead';

export const XCredentialsSchema = z
  .object({
    bearerToken: z.optional(nonEmpty),
    userAccessToken: z.optional(z.never(X_USER_TOKEN_REFUSED)),
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
        return (someOauth1 ? allOauth1 : true) && (allOauth1 || value.bearerToken !== undefined);
      },
      { message: 'needs bearerToken, or all four of appKey/appSecret/accessToken/accessSecret' },
    ),
  );
export type XCredentials = Omit<z.infer<typeof XCredentialsSchema>, 'userAccessToken'>;

/** Any JSON object: the secret is read loosely, then checked with messages that name fields, never values. */
const LooseSecretSchema = z.record(z.string(), z.unknown());

async function readXCredentials(client: SecretsManagerClient, secretId: string): Promise<XCredentials> {
  const raw = await readJsonSecret(client, secretId, LooseSecretSchema);
  const result = XCredentialsSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`X credentials secret ${secretId}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(secret)'}: ${issue.message}`).join('; ')}`);
  }
  const { userAccessToken: _refused, ...credentials } = result.data;
  return credentials;
}

const cache = new Map<string, Promise<XCredentials>>();

/** Loaded once per container; a failed read is not cached, so the next invocation retries. */
export function loadXCredentials(client: SecretsManagerClient, secretId: string): Promise<XCredentials> {
  const cached = cache.get(secretId);
  if (cached) return cached;
  const loading = readXCredentials(client, secretId);
  cache.set(secretId, loading);
  loading.catch(() => cache.delete(secretId));
  return loading;
}
