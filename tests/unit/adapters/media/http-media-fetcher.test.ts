import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpMediaFetcher, MediaFetchRetryableError } from '../../../../functions/adapters/media/http-media-fetcher.ts';
import { MediaRefusedError, MediaTooLargeError } from '../../../../functions/core/ports/media.ts';
import { startLocalHttp, type LocalHttpServer } from '../../../support/local-http.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

interface Seen {
  server: 'api' | 'cdn';
  path: string;
  authorization: string | undefined;
}

describe('HttpMediaFetcher', () => {
  const servers: LocalHttpServer[] = [];
  const seen: Seen[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    seen.length = 0;
  });

  async function serve(name: Seen['server'], handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = await startLocalHttp((req, res) => {
      seen.push({ server: name, path: req.url ?? '', authorization: req.headers.authorization });
      handler(req, res);
    });
    servers.push(server);
    return server.url;
  }

  /** A Twilio-like media API on one port that redirects to a CDN on another. */
  async function twilioWithCdn() {
    const cdn = await serve('cdn', (req, res) => {
      if (req.url === '/media/abc.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': JPEG.length });
        res.end(JPEG);
      } else res.writeHead(404).end();
    });
    const api = await serve('api', (req, res) => {
      if (req.headers.authorization !== BASIC) return void res.writeHead(401).end();
      if (req.url === '/Media/ME1') res.writeHead(307, { location: `${cdn}/media/abc.jpg` }).end();
      else if (req.url === '/Media/ME2') res.writeHead(302, { location: '/Media/ME3' }).end();
      else if (req.url === '/Media/ME3') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
      else res.writeHead(404).end();
    });
    const apiHost = new URL(api).host;
    const fetcher = new HttpMediaFetcher({ credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN, allowedHosts: [apiHost] } });
    return { api, cdn, fetcher };
  }

  it('sends basic auth to the allowed host and follows the redirect to the CDN without it', async () => {
    const { api, fetcher } = await twilioWithCdn();
    const media = await fetcher.fetch(`${api}/Media/ME1`, { maxBytes: 1024 });
    expect(Buffer.from(media.bytes).equals(JPEG)).toBe(true);
    expect(media.contentType).toBe('image/jpeg');
    expect(seen).toEqual([
      { server: 'api', path: '/Media/ME1', authorization: BASIC },
      { server: 'cdn', path: '/media/abc.jpg', authorization: undefined },
    ]);
  });

  it('keeps the credentials on a relative redirect within the allowed host', async () => {
    const { api, fetcher } = await twilioWithCdn();
    const media = await fetcher.fetch(`${api}/Media/ME2`, { maxBytes: 1024 });
    expect(media.bytes).toHaveLength(JPEG.length);
    expect(seen.map((s) => s.authorization)).toEqual([BASIC, BASIC]);
  });

  it('never sends credentials to a host that is not on the list', async () => {
    const { cdn } = await twilioWithCdn();
    const fetcher = new HttpMediaFetcher({ credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN, allowedHosts: ['api.twilio.com'] } });
    await fetcher.fetch(`${cdn}/media/abc.jpg`, { maxBytes: 1024 });
    expect(seen).toEqual([{ server: 'cdn', path: '/media/abc.jpg', authorization: undefined }]);
  });

  it('refuses media whose declared length is over maxBytes', async () => {
    const url = await serve('cdn', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 10_000 });
      res.end(Buffer.alloc(10_000));
    });
    await expect(new HttpMediaFetcher().fetch(`${url}/big.jpg`, { maxBytes: 9_999 })).rejects.toBeInstanceOf(MediaTooLargeError);
  });

  it('stops reading an endless body without a length once it passes maxBytes', async () => {
    let closedEarly = false;
    const url = await serve('cdn', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(16 * 1024, 0xff);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => {
        closedEarly = true;
      });
      pump();
    });
    const promise = new HttpMediaFetcher().fetch(`${url}/endless.jpg`, { maxBytes: 256 * 1024 });
    await expect(promise).rejects.toBeInstanceOf(MediaTooLargeError);
    await expect(promise).rejects.toThrow('over the 262144-byte limit');
    await expect.poll(() => closedEarly).toBe(true);
  });

  it.each([
    [500, MediaFetchRetryableError],
    [503, MediaFetchRetryableError],
    [429, MediaFetchRetryableError],
    [404, MediaRefusedError],
    [403, MediaRefusedError],
  ])('reports HTTP %d as %o', async (status, kind) => {
    const url = await serve('cdn', (_req, res) => res.writeHead(status).end('nope'));
    const promise = new HttpMediaFetcher().fetch(`${url}/x.jpg`, { maxBytes: 1024 });
    await expect(promise).rejects.toBeInstanceOf(kind);
    await expect(promise).rejects.toThrow(`HTTP ${status}`);
  });

  it('reports a refused connection as retryable', async () => {
    const gone = await startLocalHttp((_req, res) => res.end());
    await gone.close();
    await expect(new HttpMediaFetcher().fetch(`${gone.url}/x.jpg`, { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaFetchRetryableError);
  });

  it('gives up on a server that never answers, as retryable', async () => {
    const url = await serve('cdn', () => {
      /* never responds */
    });
    const promise = new HttpMediaFetcher({ timeoutMs: 200 }).fetch(`${url}/slow.jpg`, { maxBytes: 1024 });
    await expect(promise).rejects.toBeInstanceOf(MediaFetchRetryableError);
    await expect(promise).rejects.toThrow(/timed out/);
  });

  it('refuses a redirect loop after the redirect limit', async () => {
    const url = await serve('cdn', (_req, res) => res.writeHead(302, { location: '/again' }).end());
    const promise = new HttpMediaFetcher({ maxRedirects: 3 }).fetch(`${url}/start`, { maxBytes: 1024 });
    await expect(promise).rejects.toThrow('more than 3 redirects');
    expect(seen).toHaveLength(4);
  });

  it('refuses a redirect to a non-http scheme without following it', async () => {
    const url = await serve('cdn', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    await expect(new HttpMediaFetcher().fetch(`${url}/start`, { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaRefusedError);
  });

  it('refuses URLs that are not http(s) before any request', async () => {
    await expect(new HttpMediaFetcher().fetch('ftp://example.com/x.jpg', { maxBytes: 1024 })).rejects.toThrow(/not http/);
    await expect(new HttpMediaFetcher().fetch('not a url', { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaRefusedError);
  });

  it('does not put credentials in error messages', async () => {
    const url = await serve('api', (_req, res) => res.writeHead(500).end());
    const fetcher = new HttpMediaFetcher({ credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN, allowedHosts: [new URL(url).host] } });
    const error = await fetcher.fetch(`${url}/Media/ME1?token=abc`, { maxBytes: 1024 }).then(
      () => new Error('unexpectedly fetched'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(MediaFetchRetryableError);
    expect(error.message).not.toContain(AUTH_TOKEN);
    expect(error.message).not.toContain('token=abc');
  });
});
