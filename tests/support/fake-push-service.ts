import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { LookupFunction } from 'node:net';
import { TEST_MEDIA_CA } from './fake-media-host.ts';

const tlsDir = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
/** A name the test certificate carries; the agent below resolves it to 127.0.0.1. */
const PUSH_HOST = 'media.test';

export interface ReceivedPush {
  id: string;
  /** The decrypted payload (RFC 8291), as the browser would hand it to the service worker. */
  payload: string;
  headers: { ttl?: string; urgency?: string; topic?: string; contentEncoding?: string };
  /** Claims of the VAPID JWT, whose signature was verified with the `k` key (RFC 8292). */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
}

export interface FakePushService {
  origin: string;
  /** Trusts the test CA and resolves the push host to 127.0.0.1, for the sender under test. */
  agent: Agent;
  readonly received: ReceivedPush[];
  /** Requests refused, with the reason (a bad JWT, a wrong key, bad encryption). */
  readonly refused: string[];
  /** A new browser-side subscription: its endpoint here and its keys (the "browser" keeps the private half). */
  subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Answer this status for the subscription from now on (410: gone, 404: unknown, 429...). */
  answer(endpoint: string, status: number): void;
  close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 / RFC 8188: decrypts one aes128gcm record with the user agent's keys. */
function decrypt(body: Buffer, ua: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = ua.computeSecret(asPublic);
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([Buffer.from('WebPush: info\0'), ua.getPublicKey(), asPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('last record must end with delimiter 2');
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8292 §3: `Authorization: vapid t=<JWT>, k=<public key>`; the ES256 signature checked with k. */
function verifyVapid(authorization: string | undefined, origin: string, nowSeconds: number): { claims: ReceivedPush['claims']; key: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`no vapid Authorization header: ${authorization ?? '(none)'}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('JWT alg is not ES256');
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('JWT signature does not verify with k');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as ReceivedPush['claims'];
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not this push service's origin`);
  if (!(claims.exp > nowSeconds && claims.exp <= nowSeconds + 24 * 3600)) throw new Error('exp must be in the next 24 hours');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error('sub must be mailto: or https:');
  return { claims, key };
}

/**
 * A push service on 127.0.0.1 speaking the Web Push protocol (RFC 8030): it takes the encrypted
 * POST, refuses it (401/400) unless the VAPID JWT verifies and the payload decrypts with the
 * subscription's keys, and answers 201 with a Location, or the status a test scripted.
 */
export async function startFakePushService(): Promise<FakePushService> {
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  const browsers = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const scripted = new Map<string, number>();
  let origin = '';
  const server: Server = createServer({ cert: readFileSync(`${tlsDir}test-media-host.crt`), key: readFileSync(`${tlsDir}test-media-host.key`) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = (request.url ?? '').replace(/^\/push\//, '');
      const browser = browsers.get(id);
      if (request.method !== 'POST' || !browser) return void response.writeHead(404).end();
      const status = scripted.get(id);
      if (status !== undefined) return void response.writeHead(status).end();
      try {
        const { claims, key } = verifyVapid(request.headers.authorization, origin, Math.floor(Date.now() / 1000));
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding must be aes128gcm');
        if (request.headers.ttl === undefined) throw new Error('TTL header is required');
        const payload = decrypt(Buffer.concat(chunks), browser.ecdh, browser.auth);
        const header = (name: string) => (typeof request.headers[name] === 'string' ? { [name === 'content-encoding' ? 'contentEncoding' : name]: request.headers[name] as string } : {});
        received.push({ id, payload, claims, vapidPublicKey: key, headers: { ...header('ttl'), ...header('urgency'), ...header('topic'), ...header('content-encoding') } });
        response.writeHead(201, { location: `${origin}/message/${randomBytes(8).toString('hex')}` }).end();
      } catch (error) {
        refused.push(error instanceof Error ? error.message : String(error));
        response.writeHead(error instanceof Error && /JWT|vapid|aud|exp|sub/.test(error.message) ? 401 : 400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://${PUSH_HOST}:${port}`;
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };
  const agent = new Agent({ ca: TEST_MEDIA_CA, lookup });
  return {
    origin,
    agent,
    received,
    refused,
    subscribe() {
      const id = randomBytes(8).toString('hex');
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      browsers.set(id, { ecdh, auth });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    },
    answer(endpoint, status) {
      scripted.set(endpoint.replace(`${origin}/push/`, ''), status);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
