/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (esbuild `alias` in
 * lib/constructs/gateway-function-bundling.ts; ADR 0008). Imported directly only where a function
 * signs requests itself (the self-service answers' S3 reads, ADR 0029).
 *
 * Every SDK client's runtimeConfig imports `defaultProvider` from that package, and with it
 * the whole default chain: SSO, INI profiles, credential_process, web identity (STS), login,
 * the EC2 instance metadata service and the nested STS/SSO clients they call, about 90 KB
 * minified per function. A Lambda function gets its execution role's credentials from the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the
 * first link of that chain and the only one a standard function ever reaches. The container
 * credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) is kept as a second link because
 * that is how Lambda hands credentials to SnapStart-restored environments. Anything else fails
 * with an error that names this file instead of silently trying profiles or IMDS.
 *
 * Local runs and tests do not use the bundles, so they keep the SDK's full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp, type FromHttpOptions } from '@aws-sdk/credential-provider-http';
import { chain, CredentialsProviderError, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

const CONTAINER_URI_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] as const;

/** Same contract as the SDK's: credentials with an expiration get refreshed. */
export const credentialsWillNeedRefresh = (credentials: AwsCredentialIdentity): boolean => credentials?.expiration !== undefined;

/** Same margin as the SDK's default chain: refresh five minutes before expiry. */
export const credentialsTreatedAsExpired = (credentials: AwsCredentialIdentity): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;

export const defaultProvider = (init: FromHttpOptions = {}): AwsCredentialIdentityProvider => {
  const fromContainer: AwsCredentialIdentityProvider = async () => {
    if (!CONTAINER_URI_VARIABLES.some((name) => process.env[name])) {
      throw new CredentialsProviderError(
        'no AWS credentials: neither AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (Lambda execution role) nor a container credentials URI is set; ' +
          'this bundle does not include the SDK default chain (profiles, SSO, web identity, IMDS), see docs/adr/0008-lambda-bundle-size.md',
        { logger: init.logger, tryNextLink: false },
      );
    }
    return fromHttp(init)();
  };
  return memoize(chain(fromEnv(init), fromContainer), credentialsTreatedAsExpired, credentialsWillNeedRefresh);
};
