import { JwtRsaVerifier } from 'aws-jwt-verify';
import { FetchError, JwksNotAvailableInCacheError, JwtBaseError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import { InvalidStaffTokenError, type StaffTokenVerifier, type VerifiedStaffToken } from '../../core/ports/staff-tokens.ts';

export interface StaffPoolIssuer {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` in AWS; the local issuer's URL locally. */
  readonly issuer: string;
  /** App clients whose id tokens the staff routes accept (the `aud` claim). */
  readonly clientIds: readonly string[];
  /** Defaults to `<issuer>/.well-known/jwks.json`, where Cognito (and cognito-local) serve it. */
  readonly jwksUri?: string;
  /**
   * The local issuer speaks plain http on loopback; aws-jwt-verify's own fetcher insists on
   * https, as it should in AWS. Only the local composition root passes one.
   */
  readonly jwksFetcher?: Fetcher;
}

export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** Fetches a JWKS with the platform's fetch: for the loopback issuer of the local gateway. */
export const plainFetchJwks: Fetcher = {
  fetch: async (uri: string) => {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new FetchError(uri, `status ${response.status}`);
    return response.arrayBuffer();
  },
};

const ClaimsText = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * Verifies staff id tokens with aws-jwt-verify: RS256 signature against the pool's JWKS
 * (cached, refetched on an unknown kid), issuer, audience (one of the app clients), expiry,
 * and `token_use` = id. The same code runs in the Lambda authorizer and in the local gateway.
 */
export function jwtStaffTokenVerifier(pool: StaffPoolIssuer): StaffTokenVerifier {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: pool.issuer,
      audience: [...pool.clientIds],
      jwksUri: pool.jwksUri ?? `${pool.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new InvalidStaffTokenError('not an id token');
      },
    },
    pool.jwksFetcher ? { jwksCache: new SimpleJwksCache({ fetcher: pool.jwksFetcher }) } : undefined,
  );
  return {
    async verify(token: string): Promise<VerifiedStaffToken> {
      let payload;
      try {
        payload = await verifier.verify(token);
      } catch (error) {
        // An unreachable JWKS is our failure, not the caller's: let it surface as a 5xx.
        if (error instanceof FetchError || error instanceof JwksNotAvailableInCacheError) throw error;
        if (error instanceof InvalidStaffTokenError) throw error;
        if (error instanceof JwtBaseError) throw new InvalidStaffTokenError(error.name);
        throw error;
      }
      const subject = ClaimsText(payload.sub);
      const username = ClaimsText(payload['cognito:username']) ?? ClaimsText(payload.email);
      if (!subject || !username) throw new InvalidStaffTokenError('token names no user');
      // aws-jwt-verify checks exp only when the token has one; a Cognito ID token always does
      // (it lasts 5 minutes to 1 day), and one without it would never expire.
      if (typeof payload.exp !== 'number') throw new InvalidStaffTokenError('token has no expiry');
      const groups = payload['cognito:groups'];
      // Cognito signs in by e-mail in the staff pool; its cognito:username is then the sub.
      const email = ClaimsText(payload.email);
      return {
        subject,
        username: email ?? username,
        groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
        expiresAt: payload.exp,
      };
    },
  };
}
