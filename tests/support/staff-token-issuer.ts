import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, createSign, randomUUID, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface TestIssuer {
  issuer: string;
  clientId: string;
  /** An id token as Cognito issues it (RS256, kid, cognito:groups), with claims overridable. */
  token(claims?: Record<string, unknown>, options?: { key?: 'own' | 'stranger'; kid?: string; alg?: string }): string;
  jwksRequests(): number;
  close(): Promise<void>;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sign(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * A token issuer on loopback that serves its JWKS at `<issuer>/.well-known/jwks.json` the way
 * Cognito does, and mints id tokens with Cognito's claims. The "stranger" key signs tokens the
 * JWKS does not vouch for.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const own = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const jwk = { ...own.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  let requests = 0;
  const poolPath = '/local_TestPool';
  const server: Server = createServer((request, response) => {
    if (request.url === `${poolPath}/.well-known/jwks.json`) {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}${poolPath}`;
  const clientId = 'testclient0000000000000001';
  return {
    issuer,
    clientId,
    token(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        sub: '6f1d2c3b-0000-4000-8000-000000000001',
        'cognito:username': '6f1d2c3b-0000-4000-8000-000000000001',
        email: 'counselor1@example.org',
        'cognito:groups': ['counselor'],
        token_use: 'id',
        aud: clientId,
        iss: issuer,
        iat: now,
        auth_time: now,
        exp: now + 3600,
        jti: randomUUID(),
        ...claims,
      };
      const key = options.key === 'stranger' ? stranger.privateKey : own.privateKey;
      return sign({ alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? kid }, payload, key);
    },
    jwksRequests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
