import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoIssuer, jwtStaffTokenVerifier, plainFetchJwks } from '../../../functions/adapters/auth/jwt-staff-token-verifier.ts';
import { InvalidStaffTokenError, type StaffTokenVerifier } from '../../../functions/core/ports/staff-tokens.ts';
import { startTestIssuer, type TestIssuer } from '../../support/staff-token-issuer.ts';

let issuer: TestIssuer;
let verifier: StaffTokenVerifier;

beforeAll(async () => {
  issuer = await startTestIssuer();
  verifier = jwtStaffTokenVerifier({ issuer: issuer.issuer, clientIds: [issuer.clientId], jwksFetcher: plainFetchJwks });
});
afterAll(() => issuer.close());

describe('staff token verifier (aws-jwt-verify against the issuer JWKS)', () => {
  it('accepts a current id token of the pool and reads the user and groups', async () => {
    const verified = await verifier.verify(issuer.token({ 'cognito:groups': ['counselor', 'supervisor'] }));
    expect(verified).toMatchObject({
      subject: '6f1d2c3b-0000-4000-8000-000000000001',
      username: 'counselor1@example.org',
      groups: ['counselor', 'supervisor'],
    });
  });

  it('reads the expiry, keeps only text groups, and names the user by e-mail, else by cognito:username', async () => {
    const exp = Math.floor(Date.now() / 1000) + 1800;
    expect(await verifier.verify(issuer.token({ exp, 'cognito:groups': ['auditor', 7, null] }))).toEqual({
      subject: '6f1d2c3b-0000-4000-8000-000000000001',
      username: 'counselor1@example.org',
      groups: ['auditor'],
      expiresAt: exp,
    });
    expect((await verifier.verify(issuer.token({ email: undefined, 'cognito:username': 'kim' }))).username).toBe('kim');
    expect((await verifier.verify(issuer.token({ 'cognito:username': '' }))).username).toBe('counselor1@example.org');
    expect((await verifier.verify(issuer.token({ email: 7, 'cognito:username': 'kim' }))).username).toBe('kim');
  });

  it('says why it refuses an access token, or one naming no user or no expiry', async () => {
    await expect(verifier.verify(issuer.token({ token_use: 'access' }))).rejects.toThrow('not an id token');
    await expect(verifier.verify(issuer.token({ email: undefined, 'cognito:username': undefined }))).rejects.toThrow('token names no user');
    await expect(verifier.verify(issuer.token({ exp: undefined }))).rejects.toThrow('token has no expiry');
  });

  it('accepts a token without groups (the authorizer then finds no role)', async () => {
    expect((await verifier.verify(issuer.token({ 'cognito:groups': undefined }))).groups).toEqual([]);
  });

  const refusals: Array<[string, () => string]> = [
    ['an expired token', () => issuer.token({ exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 3700 })],
    ['a token for another app client', () => issuer.token({ aud: 'someotherclient' })],
    ['a token from another issuer', () => issuer.token({ iss: 'https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_Other' })],
    ['an access token', () => issuer.token({ token_use: 'access' })],
    ['a token signed by a key the JWKS does not hold', () => issuer.token({}, { key: 'stranger' })],
    ['a token whose payload was altered after signing', () => {
      const [header, , signature] = issuer.token().split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'x', email: 'boss@example.org', 'cognito:groups': ['supervisor'], token_use: 'id', aud: issuer.clientId, iss: issuer.issuer, exp: 9999999999 })).toString('base64url');
      return `${header}.${forged}.${signature}`;
    }],
    ['an unsigned token (alg none)', () => {
      const [, payload] = issuer.token().split('.');
      return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'test-key-1' })).toString('base64url')}.${payload}.`;
    }],
    ['a token naming no user', () => issuer.token({ sub: '', email: undefined, 'cognito:username': undefined })],
    ['a token without a subject', () => issuer.token({ sub: '' })],
    ['a token with a subject that is not text', () => issuer.token({ sub: 12345 })],
    ['a token with a subject but no user name', () => issuer.token({ email: '', 'cognito:username': undefined })],
    ['a token with a user name that is not text', () => issuer.token({ email: undefined, 'cognito:username': 42 })],
    // aws-jwt-verify checks exp only when present; a signed token without one would never expire.
    ['a token without an expiry', () => issuer.token({ exp: undefined })],
    ['garbage', () => 'not.a.jwt'],
  ];
  for (const [what, make] of refusals) {
    it(`refuses ${what} with InvalidStaffTokenError`, async () => {
      await expect(verifier.verify(make())).rejects.toBeInstanceOf(InvalidStaffTokenError);
    });
  }

  it('fetches the JWKS once and reuses it across tokens', async () => {
    const fresh = jwtStaffTokenVerifier({ issuer: issuer.issuer, clientIds: [issuer.clientId], jwksFetcher: plainFetchJwks });
    const before = issuer.jwksRequests();
    await fresh.verify(issuer.token());
    await fresh.verify(issuer.token());
    expect(issuer.jwksRequests() - before).toBe(1);
  });

  it('fails loudly (not as a refused token) when the JWKS cannot be fetched', async () => {
    const unreachable = jwtStaffTokenVerifier({ issuer: issuer.issuer, clientIds: [issuer.clientId], jwksUri: 'http://127.0.0.1:9/none.json', jwksFetcher: plainFetchJwks });
    const error = await unreachable.verify(issuer.token()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InvalidStaffTokenError);
  });

  it('fails loudly, naming the status, when the JWKS address answers an error', async () => {
    const missing = jwtStaffTokenVerifier({ issuer: issuer.issuer, clientIds: [issuer.clientId], jwksUri: `${issuer.issuer}/no-such-jwks.json`, jwksFetcher: plainFetchJwks });
    const error = await missing.verify(issuer.token()).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(InvalidStaffTokenError);
    expect(String(error)).toMatch(/no-such-jwks\.json: status 404/);
  });

  it('names the Cognito issuer of a pool', () => {
    expect(cognitoIssuer('ap-northeast-2', 'ap-northeast-2_AbC123')).toBe('https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123');
  });
});
