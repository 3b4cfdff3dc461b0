import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadXCredentials, XCredentialsSchema } from '../../../functions/adapters/x/x-credentials.ts';

/*
 * ADR: OAuth 1.0a keys of the city's account are the reply credential. X's OAuth 2.0 user
 * access tokens stay valid for two hours and are refreshed only with a refresh token
 * (offline.access), fundamentals/authentication/oauth-2-0/authorization-code; OAuth 1.0a
 * access tokens "do not expire but can be revoked by the user" (oauth-1-0a/obtaining-user-access-tokens).
 * A static OAuth 2.0 user token would post replies for two hours after each deploy and then fail.
 */
const secrets = mockClient(SecretsManagerClient);
const oauth1 = { appKey: 'consumer-key', appSecret: 'consumer-secret', accessToken: '1500000000000000000-token', accessSecret: 'token-secret' };

describe('X credentials secret', () => {
  beforeEach(() => secrets.reset());

  it('accepts the app bearer token with the OAuth 1.0a keys of the city account', () => {
    expect(XCredentialsSchema.parse({ bearerToken: 'AAAA', ...oauth1 })).toEqual({ bearerToken: 'AAAA', ...oauth1 });
  });

  it('refuses an OAuth 2.0 user access token: it expires after two hours and nothing here refreshes it', () => {
    const parsed = XCredentialsSchema.safeParse({ bearerToken: 'AAAA', userAccessToken: 'expires-in-2h' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/OAuth 2\.0 user access tokens expire after 2 hours.*OAuth 1\.0a/);
  });

  it('fails the cold start, naming the problem but not the value, when the secret holds a user access token', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ bearerToken: 'AAAA', userAccessToken: 'secret-user-token-value' }) });
    const error = await loadXCredentials(new SecretsManagerClient({ region: 'ap-northeast-2' }), 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:x-user-token').catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/OAuth 1\.0a/);
    expect(String(error)).not.toContain('secret-user-token-value');
  });
});
